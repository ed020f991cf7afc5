"""Reindex a judgment after every save or change of its vocabularies, once committed."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from caselaw.models import Court, ExploitationForm, Judgment, Means, Provision
from caselaw.search.engine import bump_version
from caselaw.search.indexing import judgment_reindex


def _reindex_on_commit(judgment_id: int) -> None:
    transaction.on_commit(lambda: judgment_reindex(judgment_id=judgment_id))


@receiver(post_save, sender=Judgment, dispatch_uid="search_judgment_saved")
def judgment_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _reindex_on_commit(instance.pk)


@receiver(post_delete, sender=Judgment, dispatch_uid="search_judgment_deleted")
def judgment_deleted(sender, instance, **kwargs):
    """Forget cached counts: the judgment's search document went with it."""
    transaction.on_commit(bump_version)


def judgment_vocabulary_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _reindex_on_commit(instance.pk)
        return
    for judgment_id in pk_set or ():
        _reindex_on_commit(judgment_id)


for relation in ("keywords", "provisions", "exploitation_forms", "means"):
    m2m_changed.connect(
        judgment_vocabulary_changed,
        sender=getattr(Judgment, relation).through,
        dispatch_uid=f"search_judgment_{relation}_changed",
    )


@receiver(post_save, sender=Court, dispatch_uid="search_court_saved")
def court_saved(sender, instance, raw=False, **kwargs):
    """Copy a changed court level onto the search documents of its judgments."""
    if raw:
        return
    from caselaw.search.models import SearchDocument

    changed = (
        SearchDocument.objects.filter(court=instance)
        .exclude(court_level=instance.level)
        .update(court_level=instance.level)
    )
    if changed:
        transaction.on_commit(bump_version)


def vocabulary_changed(sender, instance, raw=False, **kwargs):
    """Forget the cached labels of the search page's facets and results."""
    if not raw:
        transaction.on_commit(bump_version)


for vocabulary in (Court, ExploitationForm, Means, Provision):
    for signal in (post_save, post_delete):
        signal.connect(
            vocabulary_changed,
            sender=vocabulary,
            dispatch_uid=f"search_{vocabulary.__name__}_{signal is post_save}_changed",
        )
