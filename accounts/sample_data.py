"""Demo users, one per role, for local runs. Their password is public: demo only."""

from django.contrib.auth.models import Group

from accounts.models import Institution, User
from accounts.roles import Role

DEMO_PASSWORD = "demo-thb-2026"  # nosec B105 - public demo password, documented in README

# (e-mail, role, first name, last name, sex, profession, institution code, language)
DEMO_USERS = [
    ("admin@demo.test", Role.ADMINISTRATOR, "Arta", "Krasniqi", "female", "project_staff", "national-anti-trafficking-coordinator", "sq"),
    ("staff@demo.test", Role.PROJECT_STAFF, "Liridon", "Berisha", "male", "project_staff", "national-anti-trafficking-coordinator", "en"),
    ("editor@demo.test", Role.CASELAW_EDITOR, "Vesa", "Gashi", "female", "lawyer", "kosovo-justice-academy", "sq"),
    ("editor2@demo.test", Role.CASELAW_EDITOR, "Milica", "Petrović", "female", "lawyer", "kosovo-justice-academy", "sr-latn"),
    ("prosecutor@demo.test", Role.LEGAL_PROFESSIONAL, "Driton", "Hoxha", "male", "prosecutor", "chief-state-prosecutor", "sq"),
    ("police@demo.test", Role.POLICE_INVESTIGATOR, "Nikola", "Jovanović", "male", "police_officer", "police-thb-directorate", "sr"),
    ("trainer@demo.test", Role.TRAINER, "Teuta", "Morina", "female", "trainer", "kosovo-academy-public-safety", "sq"),
    ("reader@demo.test", Role.CIVIL_SOCIETY_READER, "Jelena", "Marković", "female", "victim_advocate", "civil-society", "en"),
]  # fmt: skip


def load(*, stdout, source_dir=None, verbosity=1) -> None:
    created_lines = []
    for email, role, first, last, sex, profession, institution_code, language in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "sex": sex,
                "profession": profession,
                "institution": Institution.objects.filter(code=institution_code).first(),
                "preferred_language": language,
                "is_staff": role in (Role.ADMINISTRATOR, Role.CASELAW_EDITOR, Role.PROJECT_STAFF),
                "is_superuser": role == Role.ADMINISTRATOR,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created_lines.append(f"  {role.label:<22} {email}")
        user.groups.add(Group.objects.get(name=role.value))

    if created_lines:
        stdout.write(f"Demo users (demo only, password for all: {DEMO_PASSWORD}):")
        for line in created_lines:
            stdout.write(line)
    elif verbosity > 1:
        stdout.write("Demo users already exist; see README.md for their addresses.")
