"""A realistic multilingual news corpus for benchmarks, deterministic from a seed.

    python -m tests.perf.corpus OUT_DIR --n 100000 [--seed 1]

writes OUT_DIR/files/0000/0000000.txt … (1,000 files per folder) and
OUT_DIR/corpus.jsonl (one {"text", "url"} object per line, same texts), and
OUT_DIR/corpus.json with what was written (counts, bytes, seed).

Each article is ~3 KB of news-like text in fr, nl, de, en, es, it or ar about a
security meeting: one of several spellings of each person ("Hammouchi",
"Hamouchi", "Al-Hamouchi", "Hamoushi" …), places and organisations, topics in
the article's language ("mensenhandel", "Menschenhandel", "traite des êtres
humains"), publication lines ("Tuesday 04 June 2024 - 09:50"), event dates
("maandag 3 juni", "vom 26. bis 28. Juni"), boilerplate lines ("Lees meer",
PREV/NEXT, share and comment widgets, related-article lists), and sometimes a
paragraph in a second language. Articles come in events of one to four
articles in different languages reporting the same meeting on the same dates.
Vocabulary beyond the templates follows a Zipf law over a generated lexicon
per language, so the full-text index has a realistic number of distinct terms.

The same seed and N always give byte-identical output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

LANGS = ("fr", "nl", "de", "en", "es", "it", "ar")
LANG_WEIGHTS = (24, 12, 14, 22, 10, 8, 10)
FILES_PER_FOLDER = 1000
TARGET_BYTES = 3000

# --- people: canonical name → spellings seen in the press -----------------------------
PEOPLE: dict[str, list[str]] = {
    "Abdellatif Hammouchi": ["Abdellatif Hammouchi", "Abdelatif Hammouchi", "Abdel Latif Hamouchi",
                             "Al-Hamouchi", "Hammouchi", "Abdul Latif Hamoushi", "Hamouchi"],
    "Vittorio Pisani": ["Vittorio Pisani", "Pisani", "V. Pisani"],
    "Gérald Darmanin": ["Gérald Darmanin", "Gerald Darmanin", "Darmanin"],
    "Nancy Faeser": ["Nancy Faeser", "Faeser"],
    "Fernando Grande-Marlaska": ["Fernando Grande-Marlaska", "Grande Marlaska", "Grande-Marlaska"],
    "Annelies Verlinden": ["Annelies Verlinden", "Verlinden"],
    "Catherine De Bolle": ["Catherine De Bolle", "Catherine de Bolle", "De Bolle"],
    "Jürgen Stock": ["Jürgen Stock", "Juergen Stock", "Jurgen Stock"],
    "Valdecy Urquiza": ["Valdecy Urquiza", "Urquiza"],
    "Matteo Piantedosi": ["Matteo Piantedosi", "Piantedosi"],
    "Dilan Yeşilgöz": ["Dilan Yeşilgöz", "Dilan Yesilgoz", "Yeşilgöz-Zegerius", "Yesilgoz"],
    "Ali Yerlikaya": ["Ali Yerlikaya", "Yerlikaya"],
    "Mohammed Dkhissi": ["Mohammed Dkhissi", "Mohamed Dkhissi", "Dkhissi"],
    "Ahmed Naser Al-Raisi": ["Ahmed Naser Al-Raisi", "Ahmed Nasser Al Raisi", "Al-Raisi", "Al Raisi"],
    "Yassine Mansouri": ["Yassine Mansouri", "Yasin Mansouri", "Mansouri"],
    "Céline Berthon": ["Céline Berthon", "Celine Berthon", "Berthon"],
}
PEOPLE_AR = {
    "Abdellatif Hammouchi": ["عبد اللطيف حموشي", "حموشي"],
    "Vittorio Pisani": ["فيتوريو بيساني"],
    "Gérald Darmanin": ["جيرالد دارمانان"],
    "Nancy Faeser": ["نانسي فيزر"],
    "Fernando Grande-Marlaska": ["فرناندو غراندي مارلاسكا"],
    "Jürgen Stock": ["يورغن شتوك"],
    "Valdecy Urquiza": ["فالديسي أوركيزا"],
    "Ali Yerlikaya": ["علي يرلي كايا"],
    "Mohammed Dkhissi": ["محمد الدخيسي"],
    "Ahmed Naser Al-Raisi": ["أحمد ناصر الريسي"],
    "Yassine Mansouri": ["ياسين المنصوري"],
}
# generated people, so a large corpus has many entities, each with spelling variants: 72 given names x
# 100 surnames = 7,200 officials. (Until session 9 it was 20 x 24 = 480, with the famous 16 weighted 40:
# at 1,000,000 articles each famous chief then met someone 13 times a day and every crowd member
# twice a week, which no news stream reports; grouping and the writer's candidate lookups were measured
# against that crowd. Now a famous chief is in ~1 reported meeting a day and an official in one every
# four weeks, in 8 years of news.)
GIVEN = ["Karim", "Youssef", "Mehdi", "Anouk", "Sophie", "Lukas", "Marco", "Lucía", "Pieter", "Fatima",
         "Omar", "Hanna", "Giulia", "Javier", "Ines", "Thomas", "Samir", "Elena", "Rachid", "Nadia",
         "Hicham", "Khalid", "Driss", "Amina", "Salma", "Nabil", "Mustapha", "Hamid", "Leila", "Tarik",
         "Julien", "Camille", "Antoine", "Mathilde", "Olivier", "Claire", "Jeroen", "Sanne", "Bram", "Femke",
         "Koen", "Lotte", "Stefan", "Katrin", "Matthias", "Birgit", "Jonas", "Ulrike", "James", "Sarah",
         "Daniel", "Emma", "Michael", "Laura", "Alejandro", "Carmen", "Pablo", "Marta", "Diego", "Rocío",
         "Alessandro", "Francesca", "Luca", "Chiara", "Giovanni", "Paola", "Mehmet", "Ayşe", "Emre", "Zeynep",
         "Nikolaos", "Ana"]
SURNAMES = ["Benali", "Haddad", "El Idrissi", "Janssens", "Moreau", "Schneider", "Rossi", "García",
            "De Vries", "Bakkali", "Lambert", "Fischer", "Romano", "Martín", "Peeters", "Chraibi",
            "Dubois", "Hoffmann", "Ferrari", "Ouazzani", "Tazi", "Bennani", "Van Damme", "Ruiz",
            "Alaoui", "Berrada", "El Fassi", "Lahlou", "Skalli", "Benjelloun", "Kettani", "Sqalli",
            "Amrani", "Filali", "Naciri", "Zniber", "El Mansouri", "Boukhari", "Rahmouni", "Mernissi",
            "Girard", "Fontaine", "Rousseau", "Lefebvre", "Mercier", "Garnier", "Chevalier", "Perrin",
            "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Dekker", "Claes", "Wouters",
            "Weber", "Wagner", "Becker", "Schulz", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Krüger",
            "Thompson", "Walker", "Harris", "Clarke", "Hughes", "Morgan", "Fernández", "López", "Sánchez",
            "Romero", "Navarro", "Domínguez", "Vázquez", "Castillo", "Esposito", "Bianchi", "Colombo",
            "Ricci", "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Yılmaz", "Kaya", "Demir",
            "Şahin", "Çelik", "Papadopoulos", "Georgiou", "Silva"]
FAMOUS_WEIGHT = 20  # how much more often one of the famous few is in a meeting than one official


def _variants(given: str, surname: str) -> list[str]:
    """Spellings of a generated name: initials, doubled/undoubled letters, Al-/El- prefixes."""
    out = [f"{given} {surname}", surname, f"{given[0]}. {surname}"]
    if "ss" in surname or "dd" in surname or "kk" in surname:
        out.append(surname.replace("ss", "s").replace("dd", "d").replace("kk", "k"))
    elif surname.startswith("El "):
        out += [surname.replace("El ", "El-"), surname.replace("El ", "Al-")]
    elif surname.endswith("i"):
        out.append(surname[:-1] + "y")
    else:
        out.append(surname.replace("a", "aa", 1))
    return out


PLACES: dict[str, dict[str, str]] = {
    "Rabat": {}, "Paris": {}, "Madrid": {}, "Berlin": {}, "Ankara": {}, "Casablanca": {}, "Lyon": {},
    "Brussels": {"fr": "Bruxelles", "nl": "Brussel", "de": "Brüssel", "en": "Brussels", "es": "Bruselas",
                 "it": "Bruxelles", "ar": "بروكسل"},
    "Rome": {"fr": "Rome", "nl": "Rome", "de": "Rom", "en": "Rome", "es": "Roma", "it": "Roma", "ar": "روما"},
    "The Hague": {"fr": "La Haye", "nl": "Den Haag", "de": "Den Haag", "en": "The Hague", "es": "La Haya",
                  "it": "L'Aia", "ar": "لاهاي"},
    "Abu Dhabi": {"fr": "Abou Dhabi", "ar": "أبوظبي"},
    "Tangier": {"fr": "Tanger", "nl": "Tanger", "de": "Tanger", "es": "Tánger", "it": "Tangeri", "ar": "طنجة"},
    "Marrakech": {"en": "Marrakesh", "de": "Marrakesch", "ar": "مراكش"},
    "Lisbon": {"fr": "Lisbonne", "nl": "Lissabon", "de": "Lissabon", "es": "Lisboa", "it": "Lisbona", "pt": "Lisboa"},
    "Amsterdam": {"ar": "أمستردام"},
    "Vienna": {"fr": "Vienne", "nl": "Wenen", "de": "Wien", "es": "Viena", "ar": "فيينا"},
    "Warsaw": {"fr": "Varsovie", "nl": "Warschau", "de": "Warschau", "es": "Varsovia", "it": "Varsavia", "ar": "وارسو"},
    "Athens": {"fr": "Athènes", "nl": "Athene", "de": "Athen", "es": "Atenas", "it": "Atene", "ar": "أثينا"},
    "Algiers": {"fr": "Alger", "de": "Algier", "es": "Argel", "it": "Algeri"},
    "Cairo": {"fr": "Le Caire", "nl": "Caïro", "de": "Kairo", "es": "El Cairo", "it": "Il Cairo", "ar": "القاهرة"},
    "Geneva": {"fr": "Genève", "nl": "Genève", "de": "Genf", "es": "Ginebra", "it": "Ginevra", "ar": "جنيف"},
    "Milan": {"nl": "Milaan", "de": "Mailand", "es": "Milán", "it": "Milano", "ar": "ميلانو"},
    "Munich": {"nl": "München", "de": "München", "es": "Múnich", "it": "Monaco di Baviera", "ar": "ميونخ"},
    "Antwerp": {"fr": "Anvers", "nl": "Antwerpen", "de": "Antwerpen", "es": "Amberes", "it": "Anversa", "ar": "أنتويرب"},
    "Seville": {"fr": "Séville", "nl": "Sevilla", "de": "Sevilla", "es": "Sevilla", "it": "Siviglia", "ar": "إشبيلية"},
    "Naples": {"nl": "Napels", "de": "Neapel", "es": "Nápoles", "it": "Napoli", "ar": "نابولي"},
    "Marseille": {"es": "Marsella", "it": "Marsiglia", "ar": "مرسيليا"},
    "Prague": {"nl": "Praag", "de": "Prag", "es": "Praga", "it": "Praga", "ar": "براغ"},
    "Copenhagen": {"fr": "Copenhague", "nl": "Kopenhagen", "de": "Kopenhagen", "es": "Copenhague", "it": "Copenaghen",
                   "ar": "كوبنهاغن"},
    "Luxembourg": {"nl": "Luxemburg", "de": "Luxemburg", "es": "Luxemburgo", "it": "Lussemburgo"},
    "Riyadh": {"fr": "Riyad", "de": "Riad", "es": "Riad", "ar": "الرياض"},
    "Istanbul": {"es": "Estambul", "ar": "إسطنبول"},
    "Barcelona": {"fr": "Barcelone", "ar": "برشلونة"},
    "Stockholm": {"es": "Estocolmo", "it": "Stoccolma", "ar": "ستوكهولم"},
    "Fez": {"fr": "Fès", "ar": "فاس"},
    "Dubai": {"fr": "Dubaï", "ar": "دبي"},
    "Tunis": {}, "Dakar": {"ar": "داكار"}, "Nouakchott": {"ar": "نواكشوط"}, "Bamako": {"ar": "باماكو"},
    "Doha": {"ar": "الدوحة"}, "Agadir": {"ar": "أكادير"}, "Oujda": {"ar": "وجدة"}, "Budapest": {"ar": "بودابست"},
    "Rotterdam": {}, "Amman": {},
}
ORGS = ["DGSN", "DGST", "Europol", "Interpol", "Guardia Civil", "Polizia di Stato", "BKA", "DGSI",
        "Frontex", "AFRIPOL", "Eurojust", "Policía Nacional", "Gendarmerie royale"]

TOPICS: dict[str, dict[str, str]] = {
    "terrorism": {"fr": "terrorisme", "nl": "terrorisme", "de": "Terrorismus", "en": "terrorism",
                  "es": "terrorismo", "it": "terrorismo", "ar": "الإرهاب"},
    "drug_trafficking": {"fr": "trafic de drogue", "nl": "drugshandel", "de": "Drogenhandel",
                         "en": "drug trafficking", "es": "narcotráfico", "it": "traffico di droga",
                         "ar": "تهريب المخدرات"},
    "human_trafficking": {"fr": "traite des êtres humains", "nl": "mensenhandel", "de": "Menschenhandel",
                          "en": "human trafficking", "es": "trata de personas",
                          "it": "tratta di esseri umani", "ar": "الاتجار بالبشر"},
    "irregular_migration": {"fr": "migration irrégulière", "nl": "illegale migratie",
                            "de": "irreguläre Migration", "en": "irregular migration",
                            "es": "migración irregular", "it": "migrazione irregolare",
                            "ar": "الهجرة غير النظامية"},
    "money_laundering": {"fr": "blanchiment d'argent", "nl": "witwassen van geld", "de": "Geldwäsche",
                         "en": "money laundering", "es": "blanqueo de capitales",
                         "it": "riciclaggio di denaro", "ar": "غسل الأموال"},
    "organised_crime": {"fr": "criminalité organisée", "nl": "georganiseerde misdaad",
                        "de": "organisierte Kriminalität", "en": "organised crime",
                        "es": "crimen organizado", "it": "criminalità organizzata",
                        "ar": "الجريمة المنظمة"},
    "extradition": {"fr": "extradition", "nl": "uitlevering", "de": "Auslieferung", "en": "extradition",
                    "es": "extradición", "it": "estradizione", "ar": "تسليم المطلوبين"},
    "cybercrime": {"fr": "cybercriminalité", "nl": "cybercriminaliteit", "de": "Cyberkriminalität",
                   "en": "cybercrime", "es": "ciberdelincuencia", "it": "criminalità informatica",
                   "ar": "الجريمة الإلكترونية"},
}

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "ar": "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر",
}
WEEKDAYS = {
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "ar": "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد",
}
MONTHS = {k: v.split() for k, v in MONTHS.items()}
WEEKDAYS = {k: v.split() for k, v in WEEKDAYS.items()}


def date_phrase(lang: str, start: dt.date, end: dt.date, rng: random.Random) -> str:
    """How an article of this language names the event's dates."""
    m, wd = MONTHS[lang][start.month - 1], WEEKDAYS[lang][start.weekday()]
    d, e = start.day, end.day
    if end != start and end.month == start.month:
        return {"fr": f"du {d} au {e} {m}", "nl": f"van {d} tot en met {e} {m}", "de": f"vom {d}. bis {e}. {m}",
                "en": f"from {d} to {e} {m}", "es": f"del {d} al {e} de {m}", "it": f"dal {d} al {e} {m}",
                "ar": f"من {d} إلى {e} {m}"}[lang]
    form = rng.random()
    if form < 0.6:  # weekday and day, no year: "maandag 3 juni"
        return {"fr": f"{wd} {d} {m}", "nl": f"{wd} {d} {m}", "de": f"am {wd}, {d}. {m}",
                "en": f"on {wd} {d} {m}", "es": f"el {wd} {d} de {m}", "it": f"{wd} {d} {m}",
                "ar": f"يوم {wd} {d} {m}"}[lang]
    return {"fr": f"le {d} {m} {start.year}", "nl": f"op {d} {m} {start.year}",
            "de": f"am {d}. {m} {start.year}", "en": f"on {m} {d}, {start.year}",
            "es": f"el {d} de {m} de {start.year}", "it": f"il {d} {m} {start.year}",
            "ar": f"في {d} {m} {start.year}"}[lang]


def published_line(lang: str, when: dt.datetime, rng: random.Random) -> str:
    form = rng.randrange(4)
    if form == 0:
        return when.strftime("%A %d %B %Y - %H:%M")  # "Tuesday 04 June 2024 - 09:50" (C locale)
    if form == 1:
        return when.strftime("%d/%m/%Y %H:%M")
    if form == 2:
        return when.date().isoformat()
    m = MONTHS[lang][when.month - 1]
    return {"fr": f"Publié le {when.day} {m} {when.year} à {when:%Hh%M}",
            "nl": f"Gepubliceerd op {when.day} {m} {when.year}", "de": f"Veröffentlicht am {when.day}. {m} {when.year}",
            "en": f"Published {when.day} {m} {when.year}", "es": f"Publicado el {when.day} de {m} de {when.year}",
            "it": f"Pubblicato il {when.day} {m} {when.year}", "ar": f"نشر في {when.day} {m} {when.year}"}[lang]


# --- sentence templates: {a} host, {b} guest, {p} place, {d} date phrase, {o} organisation, {t}{u} topics
LEAD = {
    "fr": ["{a}, directeur général de la sûreté nationale, a reçu {d} à {p} {b}, à la tête d'une importante délégation sécuritaire.",
           "{b} a effectué {d} une visite de travail à {p}, où il a rencontré {a}."],
    "nl": ["{a}, directeur-generaal van de nationale veiligheid, ontving {d} in {p} {b}, die aan het hoofd van een belangrijke veiligheidsdelegatie stond.",
           "{b} bracht {d} een werkbezoek aan {p}, waar hij {a} ontmoette."],
    "de": ["{a}, Generaldirektor der nationalen Sicherheit, empfing {d} in {p} {b}, der eine wichtige Sicherheitsdelegation leitete.",
           "{b} stattete {d} {p} einen Arbeitsbesuch ab und traf dort {a}."],
    "en": ["{a}, director general of national security, received {b} in {p} {d}, at the head of a large security delegation.",
           "{b} paid a working visit to {p} {d}, where he met {a}."],
    "es": ["{a}, director general de la seguridad nacional, recibió {d} en {p} a {b}, al frente de una importante delegación de seguridad.",
           "{b} realizó {d} una visita de trabajo a {p}, donde se reunió con {a}."],
    "it": ["{a}, direttore generale della sicurezza nazionale, ha ricevuto {d} a {p} {b}, a capo di un'importante delegazione.",
           "{b} ha effettuato {d} una visita di lavoro a {p}, dove ha incontrato {a}."],
    "ar": ["استقبل {a}، المدير العام للأمن الوطني، {d} بمدينة {p}، {b} الذي يقوم بزيارة عمل على رأس وفد أمني هام.",
           "قام {b} {d} بزيارة عمل إلى {p} حيث التقى {a}."],
}
TOPIC_SENTENCE = {
    "fr": "Les deux responsables ont examiné les menaces liées au {t} et à la {u}, ainsi que la coopération avec {o}.",
    "nl": "Tijdens de bijeenkomst bespraken beide partijen {t} en {u}, en de samenwerking met {o}.",
    "de": "Im Mittelpunkt der Gespräche standen {t} und {u} sowie die Zusammenarbeit mit {o}.",
    "en": "The two officials discussed {t} and {u}, as well as cooperation with {o}.",
    "es": "Ambos responsables analizaron el {t} y la {u}, así como la cooperación con {o}.",
    "it": "I due responsabili hanno esaminato il {t} e la {u}, nonché la cooperazione con {o}.",
    "ar": "وتناول الطرفان قضايا {t} و{u}، إضافة إلى التعاون مع {o}.",
}
FILLER = {
    "fr": ["Cette rencontre s'inscrit dans le cadre du renforcement des mécanismes de coopération sécuritaire internationale.",
           "Les deux parties ont salué la qualité de la coopération bilatérale et l'échange d'informations opérationnelles.",
           "Le responsable a souligné l'importance de la coordination entre les services de police des deux pays.",
           "Des réunions techniques sont prévues dans les prochains mois pour le suivi des dossiers communs.",
           "La délégation a visité plusieurs unités spécialisées, dont le laboratoire de police scientifique.",
           "Selon un communiqué, les échanges ont porté sur les risques de la criminalité transnationale.",
           "Les relations entre les deux royaumes sont marquées par l'amitié et la confiance mutuelle."],
    "nl": ["Deze bijeenkomst past in het kader van de versterking van de internationale veiligheidssamenwerking.",
           "Beide partijen prezen de kwaliteit van de bilaterale samenwerking en de uitwisseling van operationele informatie.",
           "De directeur benadrukte het belang van coördinatie tussen de politiediensten van beide landen.",
           "In de komende maanden zijn technische vergaderingen gepland om de gemeenschappelijke dossiers op te volgen.",
           "De delegatie bezocht verschillende gespecialiseerde eenheden, waaronder het forensisch laboratorium.",
           "Volgens een persbericht ging het overleg over de risico's van grensoverschrijdende misdaad.",
           "De betrekkingen tussen beide landen worden gekenmerkt door vriendschap en wederzijds vertrouwen."],
    "de": ["Das Treffen ist Teil der Stärkung der Mechanismen der internationalen Sicherheitszusammenarbeit.",
           "Beide Seiten lobten die Qualität der bilateralen Zusammenarbeit und den Austausch operativer Informationen.",
           "Der Generaldirektor betonte die Bedeutung der Koordinierung zwischen den Polizeibehörden beider Länder.",
           "In den kommenden Monaten sind technische Sitzungen zur Weiterverfolgung gemeinsamer Akten geplant.",
           "Die Delegation besuchte mehrere Spezialeinheiten, darunter das kriminaltechnische Labor.",
           "Laut einer Pressemitteilung ging es um die Risiken der grenzüberschreitenden Kriminalität.",
           "Die Beziehungen zwischen beiden Ländern sind von Freundschaft und gegenseitigem Vertrauen geprägt."],
    "en": ["The meeting is part of efforts to strengthen international security cooperation mechanisms.",
           "Both sides praised the quality of bilateral cooperation and the exchange of operational intelligence.",
           "The director stressed the importance of coordination between the police services of both countries.",
           "Technical meetings are planned in the coming months to follow up on joint cases.",
           "The delegation visited several specialised units, including the forensic science laboratory.",
           "According to a statement, the talks covered the risks of transnational crime.",
           "Relations between the two countries are marked by friendship and mutual trust."],
    "es": ["Este encuentro se enmarca en el refuerzo de los mecanismos de cooperación internacional en materia de seguridad.",
           "Ambas partes elogiaron la calidad de la cooperación bilateral y el intercambio de información operativa.",
           "El director subrayó la importancia de la coordinación entre los servicios policiales de ambos países.",
           "En los próximos meses se celebrarán reuniones técnicas para el seguimiento de los expedientes comunes.",
           "La delegación visitó varias unidades especializadas, entre ellas el laboratorio de policía científica.",
           "Según un comunicado, las conversaciones abordaron los riesgos de la delincuencia transnacional.",
           "Las relaciones entre ambos países se caracterizan por la amistad y la confianza mutua."],
    "it": ["L'incontro rientra nel rafforzamento dei meccanismi di cooperazione internazionale in materia di sicurezza.",
           "Le due parti hanno elogiato la qualità della cooperazione bilaterale e lo scambio di informazioni operative.",
           "Il direttore ha sottolineato l'importanza del coordinamento tra i servizi di polizia dei due paesi.",
           "Nei prossimi mesi sono previste riunioni tecniche per il seguito dei fascicoli comuni.",
           "La delegazione ha visitato diverse unità specializzate, tra cui il laboratorio di polizia scientifica.",
           "Secondo un comunicato, i colloqui hanno riguardato i rischi della criminalità transnazionale.",
           "Le relazioni tra i due paesi sono caratterizzate da amicizia e fiducia reciproca."],
    "ar": ["ويندرج هذا اللقاء في إطار تعزيز آليات التعاون الأمني الدولي مع المصالح الأمنية للدول الشقيقة والصديقة.",
           "وأشاد الطرفان بجودة التعاون الثنائي وتبادل المعلومات العملياتية.",
           "وأكد المسؤول على أهمية التنسيق بين مصالح الشرطة في البلدين.",
           "ومن المقرر عقد اجتماعات تقنية خلال الأشهر المقبلة لتتبع الملفات المشتركة.",
           "وزار الوفد عددا من الوحدات المتخصصة، من بينها مختبر الشرطة العلمية.",
           "وحسب بلاغ، تناولت المحادثات مخاطر الجريمة العابرة للحدود.",
           "وتتميز العلاقات بين البلدين بالصداقة والثقة المتبادلة."],
}
# sentence frames for the Zipf vocabulary: "{w}" slots take generated words of the language
FRAMES = {
    "fr": ["Le rapport mentionne aussi {w}, {w} et {w} dans la région.", "Selon les experts, {w} reste lié à {w}.",
           "La question de {w} et de {w} a également été abordée."],
    "nl": ["Het rapport noemt ook {w}, {w} en {w} in de regio.", "Volgens deskundigen blijft {w} verbonden met {w}.",
           "Ook de kwestie van {w} en {w} kwam aan bod."],
    "de": ["Der Bericht nennt auch {w}, {w} und {w} in der Region.", "Nach Ansicht der Experten bleibt {w} mit {w} verbunden.",
           "Auch die Frage von {w} und {w} wurde angesprochen."],
    "en": ["The report also mentions {w}, {w} and {w} in the region.", "According to experts, {w} remains linked to {w}.",
           "The question of {w} and {w} was also raised."],
    "es": ["El informe menciona también {w}, {w} y {w} en la región.", "Según los expertos, {w} sigue vinculado a {w}.",
           "También se abordó la cuestión de {w} y {w}."],
    "it": ["Il rapporto cita anche {w}, {w} e {w} nella regione.", "Secondo gli esperti, {w} resta legato a {w}.",
           "È stata affrontata anche la questione di {w} e {w}."],
    "ar": ["ويشير التقرير أيضا إلى {w} و{w} و{w} في المنطقة.", "وحسب الخبراء، يبقى {w} مرتبطا بـ{w}.",
           "كما تمت مناقشة مسألة {w} و{w}."],
}
SYLLABLES = {
    "fr": "ra ti on ment eau que lle son ter vi pou dé ré cha ble sion gne eur",
    "nl": "ver ge heid lijk ing schap aan oor ken sta bel den wer tie pol ijk",
    "de": "ver ge keit ung schaft an ter lich sch ei au sto ber zen hei",
    "en": "con pro tion ment ter ly ble ing er an sta ri ver dis com",
    "es": "ción ra mien to ta de res lla pro que cia do nes ri ve",
    "it": "zio ne men to ta de gli ssi pro che ria to lla ri ve",
    "ar": "ال مس تع ار قا ني رة ية لم بر سا وا حد كت ين",
}
LEXICON_SIZE = 6000
BOILERPLATE = {
    "fr": ["Lire aussi", "Partager sur Facebook", "Partager sur X", "Laisser un commentaire",
           "Votre adresse e-mail ne sera pas publiée.", "Articles similaires", "Crédit photo : DR", "Zoom"],
    "nl": ["Lees meer", "Deel dit artikel", "Reageer", "Gerelateerde artikelen", "Zoom", "Foto: ANP"],
    "de": ["Lesen Sie auch", "Mehr zum Thema", "Teilen", "Kommentare", "Foto: dpa", "Zoom"],
    "en": ["Read more", "Share this", "Leave a comment", "Related articles", "Photo: AFP", "Zoom"],
    "es": ["Leer más", "Compartir", "Deja un comentario", "Noticias relacionadas", "Foto: EFE"],
    "it": ["Leggi anche", "Condividi", "Lascia un commento", "Articoli correlati", "Foto: ANSA"],
    "ar": ["اقرأ أيضا", "شارك", "اترك تعليقا", "مقالات ذات صلة", "تكبير"],
}
TITLES = {
    "fr": "{a} reçoit {b} à {p}", "nl": "Gesprekken {a} met {b} in {p}", "de": "{a} trifft {b} in {p}",
    "en": "{a} meets {b} in {p}", "es": "{a} se reúne con {b} en {p}", "it": "{a} incontra {b} a {p}",
    "ar": "{a} يستقبل {b} في {p}",
}
SITES = ["Le360", "Hespress", "APAnews", "MAP", "Morocco World News", "Le Matin", "Europa Press",
         "ANSA", "NOS", "Deutsche Welle", "Al Yaoum 24", "Médias24"]


@dataclass
class Event:
    start: dt.date
    end: dt.date
    place: str
    host: str  # canonical person
    guest: str
    org: str
    topics: tuple[str, str]
    langs: list[str] = field(default_factory=list)


class CorpusGenerator:
    """Articles one by one, deterministic from the seed."""

    def __init__(self, seed: int = 1):
        self.rng = random.Random(seed)
        rng = random.Random(seed * 7919 + 1)
        self.people = dict(PEOPLE)
        for g in GIVEN:
            for s in SURNAMES:
                self.people[f"{g} {s}"] = _variants(g, s)
        self.names = list(self.people)
        # the famous few appear far more often than the generated crowd
        self.name_weights = list(accumulate(float(FAMOUS_WEIGHT) if n in PEOPLE else 1.0 for n in self.names))
        self.lexicon = {lang: self._lexicon(lang, rng) for lang in LANGS}
        self.zipf = list(accumulate(1.0 / (rank + 1) for rank in range(LEXICON_SIZE)))
        self.lang_cum = list(accumulate(LANG_WEIGHTS))
        self.index = 0
        self._pending: list[tuple[Event, str]] = []

    @staticmethod
    def _lexicon(lang: str, rng: random.Random) -> list[str]:
        syllables = SYLLABLES[lang].split()
        words: list[str] = []
        seen: set[str] = set()
        while len(words) < LEXICON_SIZE:
            word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
            if word not in seen:
                seen.add(word)
                words.append(word)
        return words

    def _event(self) -> Event:
        rng = self.rng
        start = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(0, 7 * 365 + 300))
        end = start + dt.timedelta(days=rng.choice((0, 0, 0, 0, 1, 2)))
        if end.month != start.month:
            end = start
        host, guest = rng.choices(self.names, cum_weights=self.name_weights, k=2)
        while guest == host:
            guest = rng.choices(self.names, cum_weights=self.name_weights)[0]
        size = rng.choices((1, 2, 3, 4), weights=(50, 25, 15, 10))[0]
        langs = []
        while len(langs) < size:
            lang = rng.choices(LANGS, cum_weights=self.lang_cum)[0]
            if lang not in langs:
                langs.append(lang)
        topics = tuple(rng.sample(sorted(TOPICS), 2))
        return Event(start, end, rng.choice(sorted(PLACES)), host, guest, rng.choice(ORGS), topics, langs)

    def _name(self, person: str, lang: str) -> str:
        if lang == "ar" and person in PEOPLE_AR:
            return self.rng.choice(PEOPLE_AR[person])
        return self.rng.choice(self.people[person])

    def _words(self, lang: str, k: int) -> list[str]:
        return [self.lexicon[lang][i] for i in
                (min(LEXICON_SIZE - 1, int(x)) for x in
                 (self._zipf_rank() for _ in range(k)))]

    def _zipf_rank(self) -> int:
        from bisect import bisect_left
        return bisect_left(self.zipf, self.rng.random() * self.zipf[-1])

    def next_article(self) -> dict:
        """One article: {"text", "title", "lang", "event", "published"}."""
        if not self._pending:
            event = self._event()
            self._pending = [(event, lang) for lang in event.langs]
            self._event_no = getattr(self, "_event_no", -1) + 1
        event, lang = self._pending.pop(0)
        rng = self.rng
        place = PLACES[event.place].get(lang, event.place)
        a, b = self._name(event.host, lang), self._name(event.guest, lang)
        published = dt.datetime.combine(event.end + dt.timedelta(days=rng.choice((0, 1, 1, 2))),
                                        dt.time(rng.randrange(6, 23), rng.randrange(60)))
        title = TITLES[lang].format(a=a, b=b, p=place)
        site = rng.choice(SITES)
        fill = dict(a=a, b=b, p=place, o=event.org, d=date_phrase(lang, event.start, event.end, rng),
                    t=TOPICS[event.topics[0]][lang], u=TOPICS[event.topics[1]][lang])
        lines = [title, "", f"{title} | {site}", published_line(lang, published, rng)]
        if rng.random() < 0.3:
            lines.append(rng.choice(BOILERPLATE[lang]))
        lines.append("")
        body: list[str] = [rng.choice(LEAD[lang]).format(**fill), TOPIC_SENTENCE[lang].format(**fill)]
        size = sum(len(s) for s in body) + len(title) * 2
        paragraph: list[str] = []
        mixed = rng.random() < 0.05  # a paragraph in English (or French for English articles)
        while size < TARGET_BYTES * 0.95:
            if rng.random() < 0.55:
                sentence = rng.choice(FILLER[lang])
            else:
                frame = rng.choice(FRAMES[lang])
                sentence = frame.replace("{w}", "\0").split("\0")
                words = self._words(lang, len(sentence) - 1)
                sentence = "".join(part + (words[i] if i < len(words) else "") for i, part in enumerate(sentence))
            if rng.random() < 0.15:
                sentence += " " + rng.choice(FILLER[lang]).replace(".", ",", 1).split(",")[0].rstrip() + " " \
                    + self._name(rng.choice((event.host, event.guest)), lang) + "."
            paragraph.append(sentence)
            size += len(sentence.encode("utf-8")) + 1
            if len(paragraph) >= rng.randint(2, 4):
                body.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            body.append(" ".join(paragraph))
        if mixed:
            other = "fr" if lang == "en" else "en"
            body.append(" ".join(rng.sample(FILLER[other], 3)))
        lines += [p + "\n" for p in body]
        lines.append(rng.choice(BOILERPLATE[lang]))
        related = [TITLES[lang].format(a=self._name(rng.choice(self.names), lang),
                                       b=self._name(rng.choice(self.names), lang),
                                       p=PLACES[(pl := rng.choice(sorted(PLACES)))].get(lang, pl))
                   for _ in range(rng.randint(1, 3))]
        lines += related
        lines += ["", f"PREV {related[0]}", f"NEXT {title}" if rng.random() < 0.2 else f"NEXT {related[-1]}"]
        lines.append(f"© {site} {published.year} · ref {self.index:07d}")  # unique text, like real footers
        text = "\n".join(lines) + "\n"
        self.index += 1
        return {"text": text, "title": title, "lang": lang, "event": self._event_no,
                "published": published.date().isoformat()}


EVENTS_FILE = "events.txt"  # line i: the event article i reports (the truth event grouping is scored on)


def event_truth(root: str | os.PathLike[str], n: int, seed: int) -> list[int]:
    """The event of each of the N articles, from events.txt (made again from the seed for corpora
    generated before it was written)."""
    path = Path(root) / EVENTS_FILE
    if path.exists():
        events = [int(line) for line in path.read_text(encoding="ascii").split()]
        if len(events) == n:
            return events
    gen = CorpusGenerator(seed)
    events = [gen.next_article()["event"] for _ in range(n)]
    path.write_text("".join(f"{e}\n" for e in events), encoding="ascii")
    return events


def file_path(root: Path, i: int) -> Path:
    return root / "files" / f"{i // FILES_PER_FOLDER:04d}" / f"{i:07d}.txt"


def generate(out_dir: str | os.PathLike[str], n: int, seed: int = 1, *, files: bool = True,
             jsonl: bool = True) -> dict:
    """Write N articles under out_dir; returns (and writes to corpus.json) what was written.

    Re-running with the same out_dir, N and seed reuses a complete earlier run.
    """
    root = Path(out_dir)
    manifest_path = root / "corpus.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("n") == n and manifest.get("seed") == seed and manifest.get("files") == files \
                and manifest.get("jsonl") == jsonl:
            return manifest
    root.mkdir(parents=True, exist_ok=True)
    gen = CorpusGenerator(seed)
    raw_bytes = 0
    langs: dict[str, int] = {}
    events: set[int] = set()
    out = open(root / "corpus.jsonl", "w", encoding="utf-8") if jsonl else None
    truth = open(root / EVENTS_FILE, "w", encoding="ascii")
    try:
        folder = None
        for i in range(n):
            article = gen.next_article()
            data = article["text"].encode("utf-8")
            raw_bytes += len(data)
            langs[article["lang"]] = langs.get(article["lang"], 0) + 1
            events.add(article["event"])
            truth.write(f"{article['event']}\n")
            if files:
                path = file_path(root, i)
                if path.parent != folder:
                    folder = path.parent
                    folder.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            if out:
                out.write(json.dumps({"text": article["text"], "url": f"bench://article/{i}"},
                                     ensure_ascii=False) + "\n")
    finally:
        truth.close()
        if out:
            out.close()
    manifest = {"n": n, "seed": seed, "files": files, "jsonl": jsonl, "raw_bytes": raw_bytes,
                "mean_bytes": raw_bytes / max(n, 1), "events": len(events), "langs": langs,
                "files_dir": str(root / "files"), "jsonl_path": str(root / "corpus.jsonl")}
    manifest_path.write_text(json.dumps(manifest, indent=1))
    return manifest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(json.dumps(generate(args.out_dir, args.n, args.seed), indent=1))


if __name__ == "__main__":
    main()
