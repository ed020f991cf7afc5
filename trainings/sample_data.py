"""Sample courses, trainers, sessions and participants for local runs.

The courses follow the subjects that the Kosovo Academy for Public Safety and the Kosovo
Justice Academy teach on trafficking in human beings. Every participant and external
trainer here is invented; pages that list people say so.
"""

from datetime import date, timedelta

from accounts.models import Institution, User
from trainings.models import (
    Attendance,
    Course,
    Participant,
    Registration,
    Trainer,
    TrainingSession,
)

# (code, required %, target professions, title sq/sr/en, description sq/sr/en,
#  topics sq/sr/en with one topic a line)
COURSES = [
    (
        "thb-investigation-basics",
        80,
        ["police_officer", "prosecutor"],
        (
            "Hetimi i rasteve të trafikimit me qenie njerëzore",
            "Истрага случајева трговине људским бићима",
            "Investigating trafficking in human beings cases",
        ),
        (
            "Identifikimi i treguesve të trafikimit, intervistimi i viktimave pa i riviktimizuar "
            "dhe mbledhja e provave që nuk mbështeten vetëm në dëshminë e viktimës.",
            "Препознавање показатеља трговине људима, разговор са жртвама без поновне "
            "виктимизације и прикупљање доказа који се не ослањају само на исказ жртве.",
            "Spotting indicators of trafficking, interviewing victims without re-victimising "
            "them, and gathering evidence that does not rest on the victim's statement alone.",
        ),
        (
            "Treguesit e trafikimit\nIntervistat me fokus te viktima\nHetimi financiar\n"
            "Provat digjitale nga telefonat dhe reklamat në internet",
            "Показатељи трговине људима\nРазговори усмерени на жртву\nФинансијска истрага\n"
            "Дигитални докази са телефона и из огласа на интернету",
            "Indicators of trafficking\nVictim-centred interviews\nFinancial investigation\n"
            "Digital evidence from phones and online advertisements",
        ),
    ),
    (
        "thb-prosecution-adjudication",
        100,
        ["prosecutor", "judge"],
        (
            "Ndjekja penale dhe gjykimi i trafikimit me njerëz",
            "Кривично гоњење и суђење за трговину људима",
            "Prosecuting and adjudicating trafficking cases",
        ),
        (
            "Elementet e veprës penale, dallimi nga kontrabanda me migrantë, mosndëshkimi i "
            "viktimave dhe praktika gjyqësore e Gjykatës Evropiane për të Drejtat e Njeriut.",
            "Елементи кривичног дела, разлика у односу на кријумчарење миграната, "
            "некажњавање жртава и пракса Европског суда за људска права.",
            "Elements of the offence, the difference from migrant smuggling, non-punishment "
            "of victims and the case-law of the European Court of Human Rights.",
        ),
        (
            "Elementet e veprës penale\nTrafikimi dhe kontrabanda me migrantë\n"
            "Parimi i mosndëshkimit\nNeni 4 i Konventës Evropiane për të Drejtat e Njeriut",
            "Елементи кривичног дела\nТрговина људима и кријумчарење миграната\n"
            "Начело некажњавања\nЧлан 4 Европске конвенције о људским правима",
            "Elements of the offence\nTrafficking versus smuggling\nNon-punishment principle\n"
            "Article 4 of the European Convention on Human Rights",
        ),
    ),
    (
        "victims-rights-assistance",
        75,
        ["victim_advocate", "social_worker", "police_officer"],
        (
            "Të drejtat e viktimave dhe ndihma për to",
            "Права жртава и помоћ жртвама",
            "Victims' rights and assistance",
        ),
        (
            "Periudha e rikuperimit dhe reflektimit, referimi te shërbimet, kompensimi dhe "
            "mbrojtja e fëmijëve viktima gjatë procedurës.",
            "Период опоравка и размишљања, упућивање на услуге, накнада штете и заштита "
            "деце жртава током поступка.",
            "The recovery and reflection period, referral to services, compensation and the "
            "protection of child victims during proceedings.",
        ),
        (
            "Periudha e rikuperimit dhe reflektimit\nMekanizmi kombëtar i referimit\n"
            "Kompensimi\nFëmijët viktima",
            "Период опоравка и размишљања\nНационални механизам упућивања\n"
            "Накнада штете\nДеца жртве",
            "Recovery and reflection period\nNational referral mechanism\nCompensation\n"
            "Child victims",
        ),
    ),
]

# Invented people. (first, last, sex, institution code, profession, position, language)
PARTICIPANTS = [
    ("Arbër", "Gashi", "male", "police-thb-directorate", "police_officer", "Hetues", "sq"),
    ("Blerta", "Kelmendi", "female", "police-thb-directorate", "police_officer", "Rreshter", "sq"),
    ("Dritëro", "Çeku", "male", "chief-state-prosecutor", "prosecutor", "Prokuror", "sq"),
    ("Fjolla", "Rexhepi", "female", "chief-state-prosecutor", "prosecutor", "Prokurore", "sq"),
    ("Gëzim", "Hajdari", "male", "courts", "judge", "Gjyqtar", "sq"),
    ("Mimoza", "Bytyçi", "female", "victim-protection-office", "victim_advocate", "Mbrojtëse", "sq"),
    ("Shpëtim", "Dërmaku", "male", "kosovo-academy-public-safety", "police_officer", "Kadet", "sq"),
    ("Vjosa", "Zeqiri", "female", "courts", "judge", "Gjyqtare", "sq"),
    ("Ђорђе", "Стојановић", "male", "police-thb-directorate", "police_officer", "Инспектор", "sr"),
    ("Milica", "Đurić", "female", "chief-state-prosecutor", "prosecutor", "Tužilac", "sr-latn"),
    ("Стефан", "Живковић", "male", "courts", "judge", "Судија", "sr"),
    ("Jovana", "Ćosić", "female", "victim-protection-office", "social_worker", "Socijalni radnik", "sr-latn"),
    ("Nemanja", "Šarić", "male", "kosovo-bar-association", "lawyer", "Advokat", "sr-latn"),
    ("Љиљана", "Чолић", "female", "civil-society", "victim_advocate", "Саветница", "sr"),
]  # fmt: skip

EXTERNAL_TRAINERS = [
    ("Valbona Hoxha (invented)", "OSCE Mission in Kosovo", ["thb-investigation-basics"]),
    ("Dragan Nikolić (invented)", "Council of Europe expert", ["thb-prosecution-adjudication"]),
]


def load(*, stdout, source_dir=None, verbosity=1) -> None:
    if Course.objects.filter(code=COURSES[0][0]).exists():
        _fill_missing_topics()
        if verbosity > 1:
            stdout.write("Training sample data already loaded.")
        return
    courses = _load_courses()
    trainers = _load_trainers(courses)
    participants = _load_participants()
    _load_sessions(courses, trainers, participants)
    stdout.write(
        f"Trainings: {len(courses)} courses, {TrainingSession.objects.count()} sessions, "
        f"{len(participants)} invented participants."
    )


def _load_courses() -> dict[str, Course]:
    courses = {}
    for code, percent, professions, titles, descriptions, topics in COURSES:
        courses[code] = Course.objects.create(
            code=code,
            required_attendance_percent=percent,
            target_professions=professions,
            title_sq=titles[0],
            title_sr=titles[1],
            title_en=titles[2],
            description_sq=descriptions[0],
            description_sr=descriptions[1],
            description_en=descriptions[2],
            topics_sq=topics[0],
            topics_sr=topics[1],
            topics_en=topics[2],
        )
    return courses


def _fill_missing_topics() -> None:
    """Add the Albanian and Serbian topics to sample courses loaded with English ones only."""
    for code, _percent, _professions, _titles, _descriptions, topics in COURSES:
        Course.objects.filter(code=code, topics_sq="").update(topics_sq=topics[0])
        Course.objects.filter(code=code, topics_sr="").update(topics_sr=topics[1])


def _load_trainers(courses) -> list[Trainer]:
    trainers = []
    demo_trainer = User.objects.filter(email="trainer@demo.test").first()
    if demo_trainer is not None:
        trainer = Trainer.objects.create(
            user=demo_trainer,
            name=demo_trainer.get_full_name(),
            email=demo_trainer.email,
            organisation=str(demo_trainer.institution or ""),
        )
        trainer.certified_courses.set(courses.values())
        trainers.append(trainer)
    for name, organisation, course_codes in EXTERNAL_TRAINERS:
        trainer = Trainer.objects.create(name=name, organisation=organisation)
        trainer.certified_courses.set([courses[code] for code in course_codes])
        trainers.append(trainer)
    return trainers


def _load_participants() -> list[Participant]:
    institutions = {institution.code: institution for institution in Institution.objects.all()}
    participants = []
    for index, (first, last, sex, code, profession, position, language) in enumerate(
        PARTICIPANTS, start=1
    ):
        participants.append(
            Participant.objects.create(
                first_name=first,
                last_name=last,
                sex=sex,
                institution=institutions.get(code),
                profession=profession,
                position=position,
                email=f"participant{index}@example.test",
                preferred_language=language,
            )
        )
    return participants


def _load_sessions(courses, trainers, participants) -> None:
    today = date.today()
    academy = Institution.objects.filter(code="kosovo-academy-public-safety").first()
    justice_academy = Institution.objects.filter(code="kosovo-justice-academy").first()
    plans = [
        # course, start offset in days, length, city, venue, organiser, status, people
        ("thb-investigation-basics", -120, 3, "Vushtrri / Vučitrn", "KAPS", academy, "held", 10),
        ("thb-prosecution-adjudication", -60, 2, "Prishtinë / Priština", "Akademia e Drejtësisë", justice_academy, "held", 8),
        ("victims-rights-assistance", -1, 3, "Prizren", "Hotel Theranda", None, "open", 9),
        ("thb-investigation-basics", 30, 2, "Mitrovicë / Mitrovica", "KAPS", academy, "open", 0),
    ]  # fmt: skip
    statuses = ["present"] * 7 + ["late", "excused", "absent"]
    for plan_index, (code, offset, length, city, venue, organiser, status, people) in enumerate(
        plans
    ):
        start = today + timedelta(days=offset)
        session = TrainingSession.objects.create(
            course=courses[code],
            start_date=start,
            end_date=start + timedelta(days=length - 1),
            city=city,
            venue=venue,
            organiser=organiser,
            status=status,
            capacity=20,
            language="sq+sr",
            created_by=trainers[0].user if trainers and trainers[0].user else None,
        )
        course = courses[code]
        session.trainers.set(
            trainer
            for trainer in trainers[: 1 + plan_index % 2]
            if course in trainer.certified_courses.all()
        )
        for person_index, participant in enumerate(participants[plan_index : plan_index + people]):
            registration = Registration.objects.create(
                session=session,
                participant=participant,
                **_sample_outcome(status, person_index, participant.preferred_language),
            )
            for day in session.days:
                if day > today:
                    continue
                status_value = statuses[(person_index * 3 + day.day) % len(statuses)]
                Attendance.objects.create(registration=registration, day=day, status=status_value)


# Evaluation comments by the participant's language, as participants write them.
SAMPLE_COMMENTS = {
    "sq": [
        "Rastet praktike nga gjykatat e Kosovës ishin shumë të dobishme.",
        "Moduli për hetimin financiar duhej të ishte më i gjatë.",
        "Ushtrimet me intervista na treguan si të flasim me viktimat pa i lënduar.",
    ],
    "sr": [
        "Више времена за вежбе са разговорима са жртвама.",
        "Примери из судске праксе на Косову су били веома корисни.",
    ],
    "sr-latn": [
        "Jasna struktura, ali bi modul o finansijskoj istrazi mogao da bude duži.",
    ],
}


def _sample_outcome(status: str, person_index: int, language: str) -> dict:
    """Return invented test scores and an evaluation for a held session, else nothing."""
    if status != "held":
        return {}
    before = 35 + (person_index * 7) % 30
    outcome = {
        "pre_test_score": before,
        "post_test_score": min(100, before + 12 + (person_index * 5) % 20),
        "evaluation_rating": 3 + person_index % 3,
    }
    # The first three people comment, and every Serbian speaker, so both languages appear.
    comments = SAMPLE_COMMENTS.get(language, [])
    if comments and (person_index < 3 or language != "sq"):
        outcome["evaluation_comment"] = comments[person_index % len(comments)]
    return outcome


def is_sample_course(course) -> bool:
    """Return whether `course` comes from this module, whose participants are invented."""
    return course.code in {row[0] for row in COURSES}
