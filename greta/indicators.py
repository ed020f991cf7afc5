"""Indicators from the platform's own data, shown beside the recommendations they measure."""


def indicators_for(recommendation, user) -> list:
    return []
