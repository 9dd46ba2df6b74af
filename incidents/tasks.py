from celery import shared_task


@shared_task(acks_late=True)
def send_clock_reminders_task() -> int:
    """Every 15 minutes: e-mail reminders at the notification clocks' reminder points (once each)."""
    from incidents.services.reminders import send_clock_reminders

    return send_clock_reminders()
