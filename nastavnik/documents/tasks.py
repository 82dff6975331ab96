from django_tasks import task

from nastavnik.documents.services import batch_run


@task()
def run_batch(batch_id: int) -> None:
    """Generate the documents of a batch in the background (progress is polled by the page)."""
    batch_run(batch_id)
