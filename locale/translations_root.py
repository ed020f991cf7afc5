"""Albanian and Serbian (Cyrillic) translations of the project-wide catalogue.

Applied to locale/{sq,sr}/LC_MESSAGES/django.po by `python locale/translations_root.py`
after `make messages`; the .po files are the source of truth once written.
"""

import sys
from pathlib import Path

import polib

T = {
    "Person": ("Personi", "Особа"),
    "Work": ("Puna", "Посао"),
    "Roles": ("Rolet", "Улоге"),
    "Dates": ("Datat", "Датуми"),
    "Accounts": ("Llogaritë", "Налози"),
    "Case-law": ("Praktika gjyqësore", "Судска пракса"),
    "Statistics": ("Statistikat", "Статистика"),
    "Editing": ("Redaktimi", "Уређивање"),
    "Trainings": ("Trajnimet", "Обуке"),
    "Training figures": ("Shifrat e trajnimeve", "Подаци о обукама"),
    "GRETA findings": ("Gjetjet e GRETA-s", "Налази GRETA"),
    "Audit trail": ("Gjurma e auditimit", "Ревизијски траг"),
    "E-mail address": ("Adresa e e-mailit", "Адреса е-поште"),
    "Government": ("Qeveria", "Влада"),
    "Police": ("Policia", "Полиција"),
    "Prosecution": ("Prokuroria", "Тужилаштво"),
    "Court": ("Gjykata", "Суд"),
    "Training academy": ("Akademi trajnimi", "Академија за обуку"),
    "Victim services": ("Shërbimet për viktimat", "Службе за жртве"),
    "Bar association": ("Oda e avokatëve", "Адвокатска комора"),
    "Civil society": ("Shoqëria civile", "Цивилно друштво"),
    "International organisation": ("Organizatë ndërkombëtare", "Међународна организација"),
    "Other": ("Tjetër", "Остало"),
    "code": ("kodi", "шифра"),
    "Stable identifier used by imports.": (
        "Identifikues i qëndrueshëm që përdoret nga importet.",
        "Стални идентификатор који користе увози.",
    ),
    "name": ("emri", "назив"),
    "kind": ("lloji", "врста"),
    "institution": ("institucioni", "институција"),
    "institutions": ("institucionet", "институције"),
    "Prosecutor": ("Prokuror", "Тужилац"),
    "Judge": ("Gjyqtar", "Судија"),
    "Police officer": ("Zyrtar policor", "Полицијски службеник"),
    "Lawyer": ("Avokat", "Адвокат"),
    "Victim advocate": ("Mbrojtës i viktimave", "Заступник жртава"),
    "Social worker": ("Punëtor social", "Социјални радник"),
    "Trainer": ("Trajner", "Тренер"),
    "Project staff": ("Stafi i projektit", "Особље пројекта"),
    "Female": ("Femër", "Женски"),
    "Male": ("Mashkull", "Мушки"),
    "Not stated": ("E padeklaruar", "Није наведено"),
    "e-mail address": ("adresa e e-mailit", "адреса е-поште"),
    "preferred language": ("gjuha e preferuar", "жељени језик"),
    "Language of the pages and e-mails after sign-in.": (
        "Gjuha e faqeve dhe e e-mailave pas hyrjes.",
        "Језик страница и порука е-поште након пријаве.",
    ),
    "profession": ("profesioni", "занимање"),
    "sex": ("gjinia", "пол"),
    "Used only for the disaggregated training figures that donors request.": (
        "Përdoret vetëm për shifrat e ndara të trajnimeve që kërkojnë donatorët.",
        "Користи се само за разврстане податке о обукама које траже донатори.",
    ),
    "user": ("përdoruesi", "корисник"),
    "users": ("përdoruesit", "корисници"),
    "Administrator": ("Administrator", "Администратор"),
    "Case-law editor": ("Redaktor i praktikës gjyqësore", "Уредник судске праксе"),
    "Legal professional": ("Profesionist ligjor", "Правни стручњак"),
    "Police investigator": ("Hetues policor", "Полицијски истражитељ"),
    "Civil society reader": ("Lexues nga shoqëria civile", "Читалац из цивилног друштва"),
    "Read judgments open to signed-in professionals": (
        "Lexon aktgjykimet e hapura për profesionistët e kyçur",
        "Читање пресуда доступних пријављеним стручњацима",
    ),
    "Create, edit and anonymise judgments": (
        "Krijon, redakton dhe anonimizon aktgjykime",
        "Унос, уређивање и анонимизација пресуда",
    ),
    "Approve and publish judgments": (
        "Miraton dhe publikon aktgjykime",
        "Одобравање и објављивање пресуда",
    ),
    "Open the unanonymised text of drafts": (
        "Hap tekstin e paanonimizuar të draftit",
        "Отварање неанонимизованог текста нацрта",
    ),
    "Use case-law statistics": (
        "Përdor statistikat e praktikës gjyqësore",
        "Коришћење статистике судске праксе",
    ),
    "Save searches and receive alerts": (
        "Ruan kërkimet dhe merr njoftime",
        "Чување претрага и примање обавештења",
    ),
    "Plan own training sessions and take attendance": (
        "Planifikon sesionet e veta të trajnimit dhe regjistron pjesëmarrjen",
        "Планирање сопствених обука и вођење евиденције присуства",
    ),
    "See and change all training sessions": (
        "Sheh dhe ndryshon të gjitha sesionet e trajnimit",
        "Преглед и измена свих обука",
    ),
    "Report training figures": ("Raporton shifrat e trajnimeve", "Извештавање о подацима обука"),
    "Read recommendations and public progress": (
        "Lexon rekomandimet dhe progresin publik",
        "Читање препорука и јавног напретка",
    ),
    "Propose progress updates for own institution": (
        "Propozon përditësime të progresit për institucionin e vet",
        "Предлагање ажурирања напретка за сопствену институцију",
    ),
    "Record, review and export progress": (
        "Regjistron, shqyrton dhe eksporton progresin",
        "Евидентирање, преглед и извоз напретка",
    ),
    "Read and export the audit trail": (
        "Lexon dhe eksporton gjurmën e auditimit",
        "Читање и извоз ревизијског трага",
    ),
    "Manage users, roles and lockouts": (
        "Menaxhon përdoruesit, rolet dhe bllokimet",
        "Управљање корисницима, улогама и блокадама",
    ),
    "Sign in": ("Hyr", "Пријава"),
    "Forgot your password?": ("Keni harruar fjalëkalimin?", "Заборавили сте лозинку?"),
    "Change password": ("Ndrysho fjalëkalimin", "Промена лозинке"),
    "Save": ("Ruaj", "Сачувај"),
    "The password reset link is invalid or has already been used. Request a new one.": (
        "Lidhja për rivendosjen e fjalëkalimit është e pavlefshme ose është përdorur tashmë. "
        "Kërkoni një të re.",
        "Веза за обнављање лозинке није важећа или је већ искоришћена. Затражите нову.",
    ),
    "Your password has been changed.": (
        "Fjalëkalimi juaj u ndryshua.",
        "Ваша лозинка је промењена.",
    ),
    "Back to the home page": ("Kthehu në faqen kryesore", "Назад на почетну страницу"),
    "Reset password": ("Rivendos fjalëkalimin", "Обнављање лозинке"),
    "If an account exists for this address, we have sent instructions to reset the password.": (
        "Nëse ekziston një llogari me këtë adresë, ju kemi dërguar udhëzimet për rivendosjen "
        "e fjalëkalimit.",
        "Ако постоји налог са овом адресом, послали смо упутства за обнављање лозинке.",
    ),
    "Your new password has been set. You can sign in now.": (
        "Fjalëkalimi i ri u vendos. Tani mund të hyni.",
        "Нова лозинка је постављена. Сада се можете пријавити.",
    ),
    "Set a new password": ("Vendos fjalëkalim të ri", "Постављање нове лозинке"),
    "Someone asked to reset the password of your account on the THB case-law platform. "
    "If it was you, open this link to choose a new password:": (
        "Dikush kërkoi rivendosjen e fjalëkalimit të llogarisë suaj në platformën e praktikës "
        "gjyqësore për THB. Nëse ishit ju, hapni këtë lidhje për të zgjedhur fjalëkalim të ri:",
        "Неко је затражио обнављање лозинке вашег налога на платформи судске праксе о "
        "трговини људима. Ако сте то били ви, отворите ову везу да изаберете нову лозинку:",
    ),
    "If you did not ask for this, you can ignore this e-mail.": (
        "Nëse nuk e keni kërkuar këtë, mund ta shpërfillni këtë e-mail.",
        "Ако ово нисте тражили, можете занемарити ову поруку.",
    ),
    "Password reset on the THB case-law platform": (
        "Rivendosja e fjalëkalimit në platformën e praktikës gjyqësore për THB",
        "Обнављање лозинке на платформи судске праксе о трговини људима",
    ),
    "Profile": ("Profili", "Профил"),
    "Signed in as": ("I kyçur si", "Пријављени сте као"),
    "Your profile has been saved.": ("Profili juaj u ruajt.", "Ваш профил је сачуван."),
    "Albanian": ("Shqip", "Албански"),
    "Serbian (Cyrillic)": ("Serbisht (cirilike)", "Српски (ћирилица)"),
    "Serbian (Latin)": ("Serbisht (latine)", "Српски (латиница)"),
    "English": ("Anglisht", "Енглески"),
    "Access denied": ("Qasja u refuzua", "Приступ одбијен"),
    "You do not have permission to open this page.": (
        "Nuk keni leje ta hapni këtë faqe.",
        "Немате дозволу да отворите ову страницу.",
    ),
    "Page not found": ("Faqja nuk u gjet", "Страница није пронађена"),
    "The page you asked for does not exist or is not available to you.": (
        "Faqja që kërkuat nuk ekziston ose nuk është e qasshme për ju.",
        "Страница коју сте тражили не постоји или вам није доступна.",
    ),
    "Server error": ("Gabim i serverit", "Грешка сервера"),
    "Something went wrong on our side. The error has been logged; please try again later.": (
        "Diçka shkoi keq nga ana jonë. Gabimi u regjistrua; ju lutemi provoni përsëri më vonë.",
        "Дошло је до грешке на нашој страни. Грешка је забележена; покушајте поново касније.",
    ),
    "Service unavailable": ("Shërbimi nuk është në dispozicion", "Услуга није доступна"),
    "The database is unavailable at the moment. Please try again in a few seconds.": (
        "Baza e të dhënave nuk është në dispozicion për momentin. Provoni përsëri pas pak "
        "sekondash.",
        "База података тренутно није доступна. Покушајте поново за неколико секунди.",
    ),
    "Case-law and knowledge against trafficking in human beings": (
        "Praktika gjyqësore dhe njohuritë kundër trafikimit me qenie njerëzore",
        "Судска пракса и знање против трговине људима",
    ),
    "This platform of the Council of Europe action against trafficking in human beings in "
    "Kosovo* brings together anonymised court judgments, the trainings of the police and "
    "justice academies, and the follow-up of GRETA's recommendations.": (
        "Kjo platformë e veprimit të Këshillit të Evropës kundër trafikimit me qenie "
        "njerëzore në Kosovë* bashkon aktgjykimet e anonimizuara, trajnimet e akademive të "
        "policisë dhe të drejtësisë, si dhe ndjekjen e rekomandimeve të GRETA-s.",
        "Ова платформа акције Савета Европе против трговине људима на Косову* окупља "
        "анонимизоване судске пресуде, обуке полицијске и правосудне академије и праћење "
        "препорука GRETA.",
    ),
    "Prosecutors, judges, police investigators and lawyers search anonymised trafficking "
    "judgments in Albanian, Serbian and English, with the facts of each case: forms of "
    "exploitation, victims, sentences, compensation and the provisions applied.": (
        "Prokurorët, gjyqtarët, hetuesit policorë dhe avokatët kërkojnë aktgjykime të "
        "anonimizuara për trafikim në shqip, serbisht dhe anglisht, me faktet e secilës "
        "çështje: format e shfrytëzimit, viktimat, dënimet, kompensimin dhe dispozitat e "
        "zbatuara.",
        "Тужиоци, судије, полицијски истражитељи и адвокати претражују анонимизоване пресуде "
        "за трговину људима на албанском, српском и енглеском, са чињеницама сваког предмета: "
        "облицима експлоатације, жртвама, казнама, накнади штете и примењеним одредбама.",
    ),
    "Trainers plan sessions for prosecutors, judges and police officers, register "
    "participants and record attendance day by day; project staff report the figures.": (
        "Trajnerët planifikojnë sesione për prokurorë, gjyqtarë dhe zyrtarë policorë, "
        "regjistrojnë pjesëmarrësit dhe pjesëmarrjen ditë për ditë; stafi i projektit "
        "raporton shifrat.",
        "Тренери планирају обуке за тужиоце, судије и полицијске службенике, региструју "
        "учеснике и бележе присуство из дана у дан; особље пројекта извештава о подацима.",
    ),
    "The recommendations of the Group of Experts on Action against Trafficking in Human "
    "Beings (GRETA), the progress of each institution on each of them, and progress "
    "reports.": (
        "Rekomandimet e Grupit të Ekspertëve për Veprim kundër Trafikimit me Qenie Njerëzore "
        "(GRETA), progresi i secilit institucion për secilin prej tyre dhe raportet e "
        "progresit.",
        "Препоруке Групе експерата за акцију против трговине људима (GRETA), напредак сваке "
        "институције у вези са сваком од њих и извештаји о напретку.",
    ),
    "*All references to Kosovo, whether to the territory, institutions or population, in "
    "this text shall be understood in full compliance with United Nations Security Council "
    "Resolution 1244 and without prejudice to the status of Kosovo.": (
        "*Të gjitha referencat për Kosovën, qoftë për territorin, institucionet apo "
        "popullsinë, në këtë tekst duhet të kuptohen në përputhje të plotë me Rezolutën 1244 "
        "të Këshillit të Sigurimit të Kombeve të Bashkuara dhe pa paragjykuar statusin e "
        "Kosovës.",
        "*Сва помињања Косова, било да се односе на територију, институције или "
        "становништво, у овом тексту треба тумачити у потпуности у складу са Резолуцијом "
        "1244 Савета безбедности Уједињених нација и без прејудицирања статуса Косова.",
    ),
    "A platform of the Council of Europe action against trafficking in human beings in Kosovo*.": (
        "Platformë e veprimit të Këshillit të Evropës kundër trafikimit me qenie njerëzore "
        "në Kosovë*.",
        "Платформа акције Савета Европе против трговине људима на Косову*.",
    ),
    "Language": ("Gjuha", "Језик"),
    "THB case-law and knowledge platform": (
        "Platforma e praktikës gjyqësore dhe njohurive për THB",
        "Платформа судске праксе и знања о трговини људима",
    ),
    "Skip to main content": ("Kalo te përmbajtja kryesore", "Пређи на главни садржај"),
    "Main navigation": ("Navigimi kryesor", "Главна навигација"),
    "Sign out": ("Dil", "Одјава"),
    "Sign-in": ("Hyrje", "Пријава"),
    "Failed sign-in": ("Hyrje e dështuar", "Неуспела пријава"),
    "Sign-out": ("Dalje", "Одјава"),
    "Account locked out": ("Llogaria u bllokua", "Налог је блокиран"),
    "Lockout removed": ("Bllokimi u hoq", "Блокада је уклоњена"),
    "Restricted judgment viewed": (
        "U shikua aktgjykim i kufizuar",
        "Прегледана пресуда ограниченог приступа",
    ),
    "Unanonymised text opened": (
        "U hap teksti i paanonimizuar",
        "Отворен неанонимизовани текст",
    ),
    "Record created": ("Regjistrim i krijuar", "Запис је направљен"),
    "Record changed": ("Regjistrim i ndryshuar", "Запис је измењен"),
    "Judgment published": ("Aktgjykimi u publikua", "Пресуда је објављена"),
    "Judgment withdrawn": ("Aktgjykimi u tërhoq", "Пресуда је повучена"),
    "Export": ("Eksport", "Извоз"),
    "time": ("koha", "време"),
    "action": ("veprimi", "радња"),
    "object type": ("lloji i objektit", "врста објекта"),
    "app_label.model, e.g. caselaw.judgment": (
        "app_label.model, p.sh. caselaw.judgment",
        "app_label.model, нпр. caselaw.judgment",
    ),
    "object id": ("id e objektit", "ид објекта"),
    "detail": ("detaje", "детаљи"),
    "Ids, formats and counts; never personal data.": (
        "Identifikues, formate dhe numërime; kurrë të dhëna personale.",
        "Идентификатори, формати и бројеви; никада лични подаци.",
    ),
    "audit event": ("ngjarje auditimi", "ревизијски догађај"),
    "audit events": ("ngjarjet e auditimit", "ревизијски догађаји"),
    "Audit events": ("Ngjarjet e auditimit", "Ревизијски догађаји"),
    "Action": ("Veprimi", "Радња"),
    "User id": ("ID e përdoruesit", "ИД корисника"),
    "Object type": ("Lloji i objektit", "Врста објекта"),
    "Object id": ("ID e objektit", "ИД објекта"),
    "From": ("Nga", "Од"),
    "Until": ("Deri", "До"),
    "Six-digit code": ("Kodi me gjashtë shifra", "Шестоцифрени код"),
    "Every sign-in, failed sign-in, lockout, publication, withdrawal, export and view of a "
    "restricted judgment, with its time and the user id. The trail cannot be changed.": (
        "Çdo hyrje, hyrje e dështuar, bllokim, publikim, tërheqje, eksport dhe shikim i një "
        "aktgjykimi të kufizuar, me kohën dhe ID-në e përdoruesit. Gjurma nuk mund të ndryshohet.",
        "Свака пријава, неуспела пријава, блокада, објава, повлачење, извоз и преглед пресуде "
        "ограниченог приступа, са временом и ИД-ом корисника. Траг се не може мењати.",
    ),
    "Filter": ("Filtro", "Филтрирај"),
    "Download CSV": ("Shkarko CSV", "Преузми CSV"),
    "Time": ("Koha", "Време"),
    "Object": ("Objekti", "Објекат"),
    "Detail": ("Detaje", "Детаљи"),
    "No events match these filters.": (
        "Asnjë ngjarje nuk përputhet me këto filtra.",
        "Ниједан догађај не одговара овим филтерима.",
    ),
    "Account locked": ("Llogaria u bllokua", "Налог је блокиран"),
    "The account is locked after %(limit)s failed sign-in attempts. Try again later, or ask "
    "an administrator to unlock it now.": (
        "Llogaria bllokohet pas %(limit)s përpjekjeve të dështuara për hyrje. Provoni më vonë "
        "ose kërkoni nga një administrator ta zhbllokojë tani.",
        "Налог се блокира након %(limit)s неуспелих покушаја пријаве. Покушајте касније или "
        "замолите администратора да га одмах одблокира.",
    ),
    "The lock ends by itself after %(minutes)s minutes.": (
        "Bllokimi përfundon vetvetiu pas %(minutes)s minutash.",
        "Блокада престаје сама након %(minutes)s минута.",
    ),
    "Two-factor authentication": ("Vërtetimi me dy faktorë", "Двофакторска аутентификација"),
    "Your role requires a second factor. Scan this code with an authenticator app (for "
    "example FreeOTP, Aegis or Google Authenticator), then enter the six-digit code it shows.": (
        "Roli juaj kërkon një faktor të dytë. Skanoni këtë kod me një aplikacion vërtetimi "
        "(p.sh. FreeOTP, Aegis ose Google Authenticator), pastaj shkruani kodin me gjashtë "
        "shifra që ai shfaq.",
        "Ваша улога захтева други фактор. Скенирајте овај код апликацијом за аутентификацију "
        "(нпр. FreeOTP, Aegis или Google Authenticator), а затим унесите шестоцифрени код који "
        "она приказује.",
    ),
    "QR code for the authenticator app": (
        "Kodi QR për aplikacionin e vërtetimit",
        "QR код за апликацију за аутентификацију",
    ),
    "Or enter this key by hand:": (
        "Ose shkruani këtë çelës me dorë:",
        "Или унесите овај кључ ручно:",
    ),
    "Enter the six-digit code from your authenticator app.": (
        "Shkruani kodin me gjashtë shifra nga aplikacioni juaj i vërtetimit.",
        "Унесите шестоцифрени код из ваше апликације за аутентификацију.",
    ),
    "Verify": ("Verifiko", "Потврди"),
    "The code is not valid. Enter the current six-digit code.": (
        "Kodi nuk është i vlefshëm. Shkruani kodin aktual me gjashtë shifra.",
        "Код није важећи. Унесите тренутни шестоцифрени код.",
    ),
    "Pages": ("Faqet", "Странице"),
    "Previous": ("E mëparshmja", "Претходна"),
    "Page %(number)s of %(total)s": (
        "Faqja %(number)s nga %(total)s",
        "Страница %(number)s од %(total)s",
    ),
    "Next": ("Tjetra", "Следећа"),
    "My trainings": ("Trajnimet e mia", "Моје обуке"),
}


def apply(locale_dir: Path) -> int:
    missing = 0
    for index, language in enumerate(("sq", "sr")):
        path = locale_dir / language / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(path))
        for entry in catalogue:
            if entry.msgid in T:
                entry.msgstr = T[entry.msgid][index]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            elif not entry.msgstr:
                missing += 1
                print(f"{language}: no translation for {entry.msgid!r}", file=sys.stderr)
        catalogue.save(str(path))
    return missing


if __name__ == "__main__":
    sys.exit(1 if apply(Path(__file__).resolve().parent) else 0)
