"""Topic lexicon: seeds gold topics, cross-language terms, topic names."""

from __future__ import annotations

import pytest

from store.model import Segment
from store.topics import TOPICS, find_topics, match_topic, topic_terms
from test_extract import ARTICLES, GOLD, seed_body

REQUIRED = {"terrorism", "organized_crime", "transnational_crime", "human_trafficking", "drug_trafficking",
            "irregular_migration", "money_laundering", "extradition", "extremism", "police_training", "cybercrime"}


def test_required_topics_have_english_labels():
    assert REQUIRED <= set(TOPICS)
    assert TOPICS["human_trafficking"] == "human trafficking"
    for tid in REQUIRED:
        assert TOPICS[tid] and TOPICS[tid].isascii()


@pytest.mark.parametrize("name", ARTICLES)
def test_seed_topics_found(name):
    body, segs = seed_body(name)
    got = find_topics(body, segs)
    assert set(GOLD["articles"][name]["topics"]) <= set(got)
    assert all(n >= 1 for n in got.values())


@pytest.mark.parametrize("text", ["mensenhandel", "Menschenhandel", "traite des êtres humains", "trata de personas",
                                  "الاتجار بالبشر", "human trafficking", "human_trafficking", "tratta di esseri umani"])
def test_one_topic_for_human_trafficking_in_every_language(text):
    assert match_topic(text) == "human_trafficking"
    if "_" in text:  # a topic id is a name, not article text
        return
    body = f"Les discussions ont porté sur: {text}."
    assert find_topics(body, [Segment(0, len(body), "fr")]) == {"human_trafficking": 1}


def test_counts_occurrences_and_arabic_proclitics():
    body = "مكافحة الإرهاب والتطرف. وأكد على محاربة الإرهاب وتهريب المخدرات والجريمة المنظمة."
    got = find_topics(body, [Segment(0, len(body), "ar")])
    assert got["terrorism"] == 2
    assert got["extremism"] == 1
    assert got["drug_trafficking"] == 1
    assert got["organized_crime"] == 1


def test_no_topic_in_unrelated_text():
    body = "Le match de football s'est terminé sur un score nul au stade de Rabat."
    assert find_topics(body, [Segment(0, len(body), "fr")]) == {}


def test_topic_terms_cover_languages():
    terms = topic_terms("human_trafficking")
    for t in ("mensenhandel", "Menschenhandel", "traite des êtres humains", "trata de personas", "الاتجار بالبشر"):
        assert t in terms
    assert topic_terms("no_such_topic") == []


def test_match_topic_unknown_and_typo():
    assert match_topic("cybercriminalité") == "cybercrime"
    assert match_topic("orgnized crime") == "organized_crime"
    assert match_topic("weather forecast") is None
    assert match_topic("") is None


# --- everyday journalistic vocabulary (sentences written for these tests) -----------------------

@pytest.mark.parametrize("text, topic", [
    # drug trafficking: drug names, seizures, gangs, compounds
    ("Customs seized two tonnes of cocaine hidden in a banana container.", "drug_trafficking"),
    ("Les gendarmes ont saisi 800 kilos de haschisch près de Tétouan.", "drug_trafficking"),
    ("De politie heeft een drugsbende opgerold in Rotterdam.", "drug_trafficking"),
    ("Die Ermittler stellten 300 Kilogramm Kokain sicher.", "drug_trafficking"),
    ("La Guardia Civil interceptó una narcolancha en el Guadalquivir.", "drug_trafficking"),
    ("I carabinieri hanno smantellato una piazza di spaccio.", "drug_trafficking"),
    ("A polícia apreendeu 50 quilos de cocaína no porto.", "drug_trafficking"),
    ("إحباط محاولة لتهريب شحنة من أقراص الكبتاغون", "drug_trafficking"),
    # money laundering: verbs and split forms
    ("The network laundered the proceeds through property deals.", "money_laundering"),
    ("Het geld werd witgewassen via vastgoed in Dubai.", "money_laundering"),
    ("Die Bande soll mehrere Millionen Euro gewaschen haben.", "money_laundering"),
    ("Il denaro veniva poi riciclato in Svizzera.", "money_laundering"),
    ("Detenidos por blanquear dinero del narcotráfico.", "money_laundering"),
    # organized crime
    ("The crime syndicate ran gambling dens in three provinces.", "organized_crime"),
    ("Deux clans mafieux se disputent le port.", "organized_crime"),
    ("Gegen kriminelle Netzwerke will das Ministerium härter vorgehen.", "organized_crime"),
    ("Las redes criminales se reorganizan tras las detenciones.", "organized_crime"),
    ("عصابة إجرامية متخصصة في السرقة", "organized_crime"),
    # transnational crime: the adjective next to a crime word
    ("Ministers discussed cross-border smuggling networks.", "transnational_crime"),
    ("La lutte contre les réseaux criminels transnationaux s'intensifie.", "transnational_crime"),
    ("La cooperación contra el crimen organizado transnacional.", "transnational_crime"),
    ("Der Kampf gegen grenzüberschreitende organisierte Kriminalität.", "transnational_crime"),
    ("مكافحة الجريمة المنظمة العابرة للحدود", "transnational_crime"),
    # police training: training words near a police word, both orders
    ("Spain trained 200 Moroccan police officers in forensic techniques.", "police_training"),
    ("Une formation au profit de 40 policiers sénégalais s'est tenue à Dakar.", "police_training"),
    ("Dertig agenten volgden een cursus over digitale sporen.", "police_training"),
    ("Die Polizisten wurden in Deutschland geschult.", "police_training"),
    ("Curso de capacitación para agentes de la Policía Nacional.", "police_training"),
    ("Os policiais foram treinados em técnicas de investigação.", "police_training"),
    ("استفاد ضباط الشرطة من تدريب على تقنيات التحقيق", "police_training"),
    # irregular migration
    ("Nearly 300 migrants were rescued off Lampedusa.", "irregular_migration"),
    ("Salvamento Marítimo rescató una patera con 40 personas a bordo.", "irregular_migration"),
    ("Sbarchi in aumento sulle coste calabresi.", "irregular_migration"),
    ("توقيف 30 من المرشحين للهجرة", "irregular_migration"),
    # human trafficking
    ("The victims were held in forced labour on fishing boats.", "human_trafficking"),
    ("Die Frauen wurden zur Zwangsprostitution gezwungen.", "human_trafficking"),
    ("Una red dedicada a la explotación sexual de mujeres.", "human_trafficking"),
    ("I migranti erano nelle mani degli scafisti.", "human_trafficking"),
    # extradition
    ("Spain will extradite him to Morocco next week.", "extradition"),
    ("Das Gericht billigte den Auslieferungsantrag.", "extradition"),
    ("Fue extraditado a Francia el martes.", "extradition"),
    # terrorism: attacks and group names
    ("The attack was claimed by al-Shabaab.", "terrorism"),
    ("L'attentat a été revendiqué par l'État islamique.", "terrorism"),
    ("Bei dem Anschlag starben drei Menschen.", "terrorism"),
    ("هجوم تبناه تنظيم داعش", "terrorism"),
    # extremism
    ("Jihadist groups are expanding in the Sahel.", "extremism"),
    ("Le jeune homme s'était radicalisé en prison.", "extremism"),
    # cybercrime
    ("Hackers demanded a ransom after the ransomware attack.", "cybercrime"),
    ("Les escroqueries en ligne visent les retraités.", "cybercrime"),
    ("Online-Betrug und Phishing nehmen zu.", "cybercrime"),
    ("Truffe online ai danni degli anziani.", "cybercrime"),
    ("A polícia investiga golpes online.", "cybercrime"),
    ("تفكيك شبكة متخصصة في الاحتيال الإلكتروني", "cybercrime"),
])
def test_everyday_vocabulary_finds_its_topic(text, topic):
    assert topic in find_topics(text), text


@pytest.mark.parametrize("text", [
    "Le ministre a suivi une formation en management.",
    "The boat drifted along the course of the river.",
    "Of course, the police arrived late.",
    "The attackers were trained in camps abroad, police said.",
    "The early stages of the police investigation were slow.",
    "Des groupes formés par des policiers retraités.",
    "La formation politique de la majorité a critiqué la police.",
])
def test_generic_training_words_are_not_police_training(text):
    assert "police_training" not in find_topics(text), text


@pytest.mark.parametrize("text", [
    "La bande de Gaza reste sous blocus.",
    "Marokko en Nederland hebben nauwe banden.",
    "Chabab Rif Al Hoceima a battu le Raja.",
    "Jihad Azour a présenté les perspectives économiques.",
    "The United Nations Office on Drugs and Crime published its annual report.",
    "Les laboratoires clandestins de la faculté ont fermé.",
    "Le Parti radical défend le radicalisme républicain.",
])
def test_lookalike_words_get_no_topic(text):
    assert find_topics(text) == {}, text


@pytest.mark.parametrize("text", [
    "La police a démantelé les réseaux de passeurs qui organisent les traversées.",
    "Die Ermittler zerschlugen ein internationales Kokainnetzwerk.",
    "Officers broke up a drug smuggling network operating from the port.",
    "La Guardia Civil desarticuló una red de narcotráfico en Algeciras.",
    "Gli investigatori hanno smantellato le reti di trafficanti di migranti.",
    "De politie rolde een cocaïnenetwerk op in de haven.",
    "وفككت السلطات شبكات التهريب على الحدود.",
    "la Convention des Nations unies contre la criminalité transnationale organisée",
])
def test_criminal_networks_are_organized_crime_too(text):
    """A network, ring or gang of smugglers or traffickers is organised crime, besides its own trade."""
    assert "organized_crime" in find_topics(text)


def test_a_network_of_other_things_is_no_organized_crime():
    assert "organized_crime" not in find_topics("Le réseau de transport et les réseaux de formation de la police.")


def test_a_crossing_crime_between_two_named_countries_is_transnational_crime():
    from store.pipeline import process
    from store.model import RawDocument

    two = process(RawDocument(source="a", text=(
        "Spain and Morocco agreed on Monday to pursue the drug trafficking networks that ship hashish "
        "across the Strait in speedboats.")))
    assert "drug_trafficking" in two.topics and "transnational_crime" in two.topics
    one_country = process(RawDocument(source="b", text=(
        "Spanish police dismantled a drug trafficking network in Seville that sold hashish in the city.")))
    assert "drug_trafficking" in one_country.topics and "transnational_crime" not in one_country.topics
    no_crime = process(RawDocument(source="c", text=(
        "Spain and Morocco signed an agreement on police training and the exchange of officers.")))
    assert "transnational_crime" not in no_crime.topics


def test_patterns_run_around_their_hint_words_wherever_they_are():
    filler = "Die Minister sprachen über die Zusammenarbeit. " * 120
    text = filler + "Es ging um Drogen- und Menschenhandel an der Grenze. " + filler
    assert "drug_trafficking" in find_topics(text)
    from store.topics import HINT_REACH, _around
    far = "x" * 1000 + "drug" + "y" * 1000 + "drug"
    assert _around(far, ("drug",)) == [(1000 - HINT_REACH, 1000 + HINT_REACH), (2004 - HINT_REACH, 2008)]
    near = "x" * 1000 + "drug" + "y" * 300 + "drug"
    assert _around(near, ("drug",)) == [(1000 - HINT_REACH, 1308)]  # overlapping stretches joined
