"""Indicators from the platform's own data, shown beside the recommendations they measure."""


def indicators_for(recommendation, user) -> list:
    """Return the indicators of `recommendation` for `user` (none yet).

    TODO: read convictions, sentences and compensation from caselaw's
    Judgment.objects.visible_to(user) filtered by `recommendation.caselaw_filter`, and
    people trained per profession from trainings' published sessions for
    `recommendation.training_topic`. Both apps' models are committed; the mapping of the
    filter keys to their fields is not written yet.
    """
    return []
