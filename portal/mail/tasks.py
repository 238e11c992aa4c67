from django_tasks import task


@task()
def deliver_email_task(email_id: int) -> str:
    """Deliver one queued e-mail (portal.mail.delivery.email_deliver). Its
    only argument is the outbox row's id: no address or text sits in the
    task table or the worker's log."""
    from .delivery import email_deliver

    return email_deliver(email_id=email_id)
