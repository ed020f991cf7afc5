# ruff: noqa: E501 - the sentence templates read better unbroken.
"""Generate synthetic, already anonymised judgments for scale tests and benchmarks.

The texts are assembled from sentence templates in Albanian, Serbian (Latin and
Cyrillic) and English, so full-text search meets realistic words, inflections and
scripts. Every synthetic judgment has a case number starting with "SYN-", so they can be
distinguished from real ones and removed with --delete.
"""

import random
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from caselaw.models import Court, ExploitationForm, Judgment, Provision
from caselaw.sample_data import load_vocabularies
from caselaw.search.indexing import index_judgments, indexable_judgments
from common.transliteration import to_cyrillic

PREFIX = "SYN-"

SENTENCES = {
    "sq": [
        "Gjykata Themelore në {city} shqyrtoi aktakuzën e Prokurorisë Themelore kundër të pandehurit {d}.",
        "I pandehuri {d} akuzohet për veprën penale trafikimi me njerëz, e kryer në bashkëkryerje.",
        "Viktima {v} u rekrutua me premtimin e një pune si kamariere në një lokal në {city}.",
        "Pas ardhjes, dokumentet e identitetit iu morën dhe ajo u detyrua të ofronte shërbime seksuale.",
        "Dëshmitarja {v} deklaroi se borxhi i saj rritej çdo javë dhe se nuk mund të largohej.",
        "Gjykata vlerëson se janë plotësuar elementet e trafikimit: veprimi, mjetet dhe qëllimi i shfrytëzimit.",
        "Mbrojtja kundërshtoi kualifikimin juridik dhe kërkoi rikualifikimin në lehtësim të prostitucionit.",
        "Në bazë të provave të administruara, gjykata e shpall fajtor të pandehurin dhe i shqipton dënim me burgim.",
        "Kërkesa pasurore juridike e viktimës për kompensim u aprovua pjesërisht.",
        "Viktima dëshmoi pa praninë e të pandehurit, me ndihmën e mbrojtëses së viktimave.",
    ],
    "sr": [
        "Osnovni sud u {city} razmotrio je optužnicu Osnovnog tužilaštva protiv okrivljenog {d}.",
        "Okrivljeni {d} optužen je za krivično delo trgovina ljudima, izvršeno u saizvršilaštvu.",
        "Žrtva {v} je vrbovana obećanjem posla konobarice u lokalu u {city}.",
        "Po dolasku su joj oduzeta lična dokumenta i bila je primorana da pruža seksualne usluge.",
        "Svedokinja {v} izjavila je da joj je dug rastao svake nedelje i da nije mogla da ode.",
        "Sud nalazi da su ispunjeni elementi trgovine ljudima: radnja, sredstvo i cilj eksploatacije.",
        "Odbrana je osporila pravnu kvalifikaciju i tražila prekvalifikaciju u omogućavanje prostitucije.",
        "Na osnovu izvedenih dokaza sud oglašava okrivljenog krivim i izriče mu kaznu zatvora.",
        "Imovinskopravni zahtev žrtve za naknadu štete delimično je usvojen.",
        "Žrtva je svedočila bez prisustva okrivljenog, uz pomoć zastupnika žrtava.",
    ],
    "en": [
        "The Basic Court in {city} examined the indictment filed by the Basic Prosecution against defendant {d}.",
        "Defendant {d} is charged with trafficking in persons, committed in co-perpetration.",
        "The victim {v} was recruited with the promise of a job as a waitress in a bar in {city}.",
        "On arrival her identity documents were taken and she was forced to provide sexual services.",
        "Witness {v} stated that her debt grew every week and that she could not leave.",
        "The court finds that the elements of trafficking are met: the act, the means and the purpose of exploitation.",
        "The defence contested the legal qualification and sought requalification as facilitating prostitution.",
        "On the evidence taken, the court finds the defendant guilty and imposes a sentence of imprisonment.",
        "The victim's property claim for compensation was granted in part.",
        "The victim testified without the defendant present, assisted by a victim advocate.",
    ],
}  # fmt: skip
CITIES = ["Prishtinë", "Prizren", "Pejë", "Gjakovë", "Mitrovicë", "Ferizaj", "Gjilan"]
NATIONALITIES = ["XK", "AL", "MD", "RS", "UA", "MK", "BG"]
TITLES = {
    "sq": "Aktgjykim për trafikim me njerëz, {n}",
    "sr": "Пресуда за трговину људима, {n}",
    "en": "Judgment on trafficking in human beings, {n}",
}


def synthetic_text(rng: random.Random, language: str, target_chars: int, city: str) -> str:
    """Return paragraphs of template sentences of about `target_chars` characters."""
    base = "sr" if language.startswith("sr") else language
    paragraphs, length = [], 0
    while length < target_chars:
        sentences = rng.sample(SENTENCES[base], k=5)
        paragraph = " ".join(
            s.format(city=city, d=f"D{rng.randint(1, 9)}", v=f"V{rng.randint(1, 9)}")
            for s in sentences
        )
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    text = "\n\n".join(paragraphs)
    return to_cyrillic(text) if language == "sr-cyrl" else text


class Command(BaseCommand):
    help = (
        "Create N synthetic published judgments (case numbers starting with SYN-) with "
        "texts in Albanian, Serbian Latin and Cyrillic, and English, for scale tests."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="Number of judgments to create.")
        parser.add_argument(
            "--average-chars",
            type=int,
            default=15000,
            help="Average length of each full text, in characters (default 15000).",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Rows per bulk insert (default 1000)."
        )
        parser.add_argument(
            "--delete", action="store_true", help="Delete existing synthetic judgments first."
        )

    def handle(self, *args, count, average_chars, seed, batch_size, delete, verbosity, **opts):
        if count < 0 or average_chars < 100 or batch_size < 1:
            raise CommandError("count must be >= 0, --average-chars >= 100, --batch-size >= 1.")
        if delete:
            deleted, _ = Judgment.objects.filter(case_number__startswith=PREFIX).delete()
            self.stdout.write(f"Deleted {deleted} synthetic rows.")
        if not Court.objects.exists():
            load_vocabularies()
        courts = list(Court.objects.filter(country="XK"))
        forms = list(ExploitationForm.objects.all())
        provisions = list(Provision.objects.filter(instrument="criminal_code_kosovo"))
        if not courts:
            raise CommandError("No Kosovo court found; run load_sample_data first.")

        rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security.
        start = time.monotonic()
        offset = Judgment.objects.filter(case_number__startswith=PREFIX).count()
        created = 0
        while created < count:
            size = min(batch_size, count - created)
            rows = [
                self._judgment(rng, offset + created + i, courts, average_chars)
                for i in range(size)
            ]
            with transaction.atomic():
                saved = Judgment.objects.bulk_create(rows)
                self._link(rng, saved, forms, provisions)
                # bulk_create sends no save signal: index the batch here, so the new
                # judgments are searchable without running `search_reindex`.
                index_judgments(indexable_judgments().filter(pk__in=[j.pk for j in saved]))
            created += size
            if verbosity > 1:
                self.stdout.write(f"  {created}/{count}")
        elapsed = time.monotonic() - start
        self.stdout.write(f"Created {created} synthetic judgments in {elapsed:.1f} s.")

    def _judgment(self, rng, number, courts, average_chars) -> Judgment:
        language = rng.choice(["sq", "sq", "sr", "sr-cyrl", "en"])
        court = rng.choice(courts)
        city = rng.choice(CITIES)
        chars = max(200, int(rng.gauss(average_chars, average_chars / 4)))
        label = f"{PREFIX}{number:07d}"
        children = rng.choice([0, 0, 0, 1])
        return Judgment(
            court=court,
            case_number=label,
            decision_date=date(2008, 1, 1) + timedelta(days=rng.randrange(17 * 365)),
            decision_type="judgment",
            instance=rng.choice(["first", "first", "appeal", "supreme"]),
            outcome=rng.choice(["conviction", "conviction", "acquittal", "partial_conviction"]),
            original_language="sr" if language.startswith("sr") else language,
            title=TITLES["sq"].format(n=label),
            title_sq=TITLES["sq"].format(n=label),
            title_sr=TITLES["sr"].format(n=label),
            title_en=TITLES["en"].format(n=label),
            summary_en="Synthetic judgment generated for scale tests.",
            text=synthetic_text(rng, language, chars, city),
            text_language="sr" if language.startswith("sr") else language,
            victims_total=rng.randint(1, 6),
            victims_children=children,
            victim_nationalities=[rng.choice(NATIONALITIES)],
            municipality=city,
            transnational=rng.random() < 0.4,
            compensation_awarded_eur=rng.choice([None, 0, 1500, 5000]),
            non_punishment_applied=rng.choice([None, True, False]),
            status="published",
            access_level=rng.choice(["public", "public", "professional"]),
        )

    def _link(self, rng, judgments, forms, provisions) -> None:
        form_links = Judgment.exploitation_forms.through
        provision_links = Judgment.provisions.through
        form_rows, provision_rows = [], []
        for judgment in judgments:
            if forms:
                form_rows.append(
                    form_links(judgment_id=judgment.pk, exploitationform_id=rng.choice(forms).pk)
                )
            if provisions:
                provision_rows.append(
                    provision_links(judgment_id=judgment.pk, provision_id=rng.choice(provisions).pk)
                )
        form_links.objects.bulk_create(form_rows)
        provision_links.objects.bulk_create(provision_rows)
