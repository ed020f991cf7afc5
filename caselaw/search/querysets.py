"""Reads of the search index."""

from django.db import models

from accounts.roles import Capability, user_can, user_roles


class SearchDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the documents of the judgments `user` may read.

        The same rule as caselaw.querysets.JudgmentQuerySet.visible_to, on the copied
        status and access fields, so a search never joins the wide judgment table.
        test_visibility checks both give the same judgments for every role.
        """
        if user_can(user, Capability.EDIT_JUDGMENTS):
            return self.all()

        allowed = models.Q(access_level="public")
        if user_can(user, Capability.VIEW_PROFESSIONAL_JUDGMENTS):
            allowed |= models.Q(access_level="professional")
        roles = [role.value for role in user_roles(user)] if user is not None else []
        if roles:
            allowed |= models.Q(access_level="restricted", restricted_to_roles__overlap=roles)
        return self.filter(status="published").filter(allowed)
