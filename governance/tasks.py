from celery import shared_task


@shared_task(acks_late=True)
def objectives_measure_task() -> int:
    """Daily: record today's value of every open objective bound to a product metric."""
    from governance.services.objectives import objectives_measure_all

    return objectives_measure_all()
