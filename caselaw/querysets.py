"""Reads of judgments. Every page, API view, export and feed starts from `visible_to`."""

from django.db import models

from accounts.roles import Capability, user_can, user_roles


class JudgmentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def visible_to(self, user):
        """Return the judgments `user` may read.

        Editors (holders of EDIT_JUDGMENTS) see every judgment, drafts included. Everyone
        else sees published judgments only: public ones always; professional ones with
        VIEW_PROFESSIONAL_JUDGMENTS; restricted ones when one of their roles is named in
        `restricted_to_roles`.
        """
        if user_can(user, Capability.EDIT_JUDGMENTS):
            return self.all()

        allowed = models.Q(access_level="public")
        if user_can(user, Capability.VIEW_PROFESSIONAL_JUDGMENTS):
            allowed |= models.Q(access_level="professional")
        roles = [role.value for role in user_roles(user)] if user is not None else []
        if roles:
            allowed |= models.Q(access_level="restricted", restricted_to_roles__overlap=roles)
        return self.published().filter(allowed)

    def with_facts(self):
        """Prefetch what the judgment page and the API show, in a fixed number of queries."""
        return self.select_related("court", "case", "appeal_of__court").prefetch_related(
            "keywords",
            "provisions",
            "exploitation_forms",
            "means",
            "protective_measures",
            "investigative_techniques",
        )
