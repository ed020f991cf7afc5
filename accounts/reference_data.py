"""Reference data of the accounts app: the action's beneficiary institutions."""

# The action's beneficiary institutions, with names in Albanian, Serbian and English.
INSTITUTIONS = [
    (
        "ministry-of-interior",
        "government",
        "Ministria e Punëve të Brendshme",
        "Министарство унутрашњих послова",
        "Ministry of Internal Affairs",
    ),
    (
        "national-anti-trafficking-coordinator",
        "government",
        "Zyra e Koordinatorit Kombëtar kundër Trafikimit me Njerëz",
        "Канцеларија националног координатора за борбу против трговине људима",
        "Office of the National Anti-Trafficking Coordinator",
    ),
    (
        "police-thb-directorate",
        "police",
        "Drejtoria kundër Trafikimit me Qenie Njerëzore e Policisë së Kosovës",
        "Директорат за борбу против трговине људским бићима Полиције Косова",
        "Directorate against Trafficking in Human Beings of the Kosovo Police",
    ),
    (
        "kosovo-academy-public-safety",
        "academy",
        "Akademia e Kosovës për Siguri Publike",
        "Косовска академија за јавну безбедност",
        "Kosovo Academy for Public Safety",
    ),
    (
        "victim-protection-office",
        "victim_services",
        "Zyra për Mbrojtje dhe Ndihmë të Viktimave",
        "Канцеларија за заштиту и помоћ жртвама",
        "Office for Protection and Assistance to Victims",
    ),
    (
        "chief-state-prosecutor",
        "prosecution",
        "Zyra e Kryeprokurorit të Shtetit",
        "Канцеларија главног државног тужиоца",
        "Office of the Chief State Prosecutor",
    ),
    (
        "kosovo-bar-association",
        "bar",
        "Oda e Avokatëve të Kosovës",
        "Адвокатска комора Косова",
        "Kosovo Bar Association",
    ),
    (
        "kosovo-justice-academy",
        "academy",
        "Akademia e Drejtësisë e Kosovës",
        "Правосудна академија Косова",
        "Kosovo Justice Academy",
    ),
    (
        "courts",
        "court",
        "Gjykatat",
        "Судови",
        "Courts",
    ),
    (
        "civil-society",
        "civil_society",
        "Organizatat e shoqërisë civile",
        "Организације цивилног друштва",
        "Civil society organisations",
    ),
]


def seed_institutions(apps) -> None:
    """Create or update the seeded institutions; `apps` may be a migration's registry."""
    Institution = apps.get_model("accounts", "Institution")
    for code, kind, name_sq, name_sr, name_en in INSTITUTIONS:
        Institution.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "name": name_sq,
                "name_sq": name_sq,
                "name_sr": name_sr,
                "name_en": name_en,
            },
        )
