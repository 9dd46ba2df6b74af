from celery import shared_task


@shared_task(acks_late=True)
def clock_reminders_task() -> int:
    """Every 15 minutes: e-mail reminders at the notification clocks' reminder points (once each)."""
    from incidents.services.reminders import clock_reminders_send

    return clock_reminders_send()
