"""The demo's public inputs, seeded after the story in inputs/demo.py.

Of the story's 42 inputs only five are public, and /statistik/ hides every
count below inputs.statistics.MIN_PUBLIC_COUNT (of inputs or of the
organisations behind them): a visitor of the demo saw no number at all.
These inputs were accepted as public with the organisation's named
consent, from three organisations or more in every region, so the public
statistics show a count for every theme, target group, region, kind and
month (June to October 2020)."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PublicEffort:
    organisation: str  # its name in portal/organisations/demo.py
    estate: str  # in the organisation's municipality (inputs.demo.ESTATES)
    sent: tuple[int, int]  # (month, day) in 2020
    partnership: str
    kind: str
    themes: list[str]
    target_groups: list[str]
    title: str
    challenge: str = ""
    solution: str = ""

    @property
    def sent_at(self) -> datetime:
        month, day = self.sent
        return datetime(2020, month, day, 10, 0)


AELDRE, VOKSNE, BOERN = "svaekkede-aeldre", "udsatte-voksne", "udsatte-boern-og-unge"

PUBLIC_EFFORTS = [
    PublicEffort(
        "AAB",
        "Tingbjerg",
        (6, 24),
        AELDRE,
        "both",
        ["tryghedsopkald", "ensomhed"],
        ["aeldre"],
        "Tryghedsopkald fra beboerhuset",
        "Under nedlukningen mistede mange ældre den daglige kontakt med naboer og "
        "seniorklubben. Flere fortalte, at de ikke havde talt med nogen i ugevis.",
        "Frivillige fra afdelingsbestyrelsen ringer to gange om ugen til 45 ældre "
        "beboere efter en fast liste. Den boligsociale medarbejder tager over, når "
        "en beboer har brug for mere hjælp.",
    ),
    PublicEffort(
        "Næstved Boligselskab",
        "Kalbyris",
        (6, 25),
        AELDRE,
        "solution",
        ["mad-og-fornoedenheder", "selvisolation"],
        ["aeldre"],
        "Indkøbsordning for ældre i risikogruppen",
        solution="Unge fra afdelingen handler ind to gange om ugen for ældre, der "
        "stadig ikke tør gå i supermarkedet. Varerne stilles ved døren, og "
        "beboeren betaler mod kvittering.",
    ),
    PublicEffort(
        "fsb",
        "Mjølnerparken",
        (6, 24),
        VOKSNE,
        "both",
        ["brobygning-til-kommunen", "misbrug"],
        ["udsatte-voksne"],
        "Åben rådgivning med kommunens socialrådgivere",
        "Beboere med misbrug mistede kontakten til deres sagsbehandler, da "
        "kommunens borgerservice lukkede og kun tog imod opringninger.",
        "Hver onsdag sidder en socialrådgiver fra kommunen i beboerhuset sammen "
        "med den boligsociale medarbejder. Beboerne kan komme uden aftale og få "
        "hjælp til breve fra kommunen.",
    ),
    PublicEffort(
        "Boligsocial helhedsplan Gellerup-Toveshøj",
        "Gellerup",
        (6, 25),
        VOKSNE,
        "solution",
        ["gaeld-og-oekonomi", "beskaeftigelse"],
        ["udsatte-voksne", "familier"],
        "Jobcafé efter fyringerne",
        solution="I jobcaféen hjælper frivillige med ansøgninger, CV og "
        "tilmelding til a-kassen. Jobcentret sender en medarbejder ud hver "
        "anden uge.",
    ),
    PublicEffort(
        "Domea.dk",
        "Finsensvej",
        (6, 24),
        BOERN,
        "solution",
        ["lektiehjaelp-og-skole", "faellesskaber-og-foreningsliv"],
        ["boern-og-unge"],
        "Sommerskole i beboerhuset",
        solution="Frivillige studerende holdt sommerskole de første tre uger af "
        "sommerferien for børn, der var kommet bagud under hjemmeskolen.",
    ),
    PublicEffort(
        "Himmerland Boligforening",
        "Kildeparken",
        (7, 3),
        AELDRE,
        "challenge",
        ["selvisolation", "sundhed-og-egen-laege"],
        ["aeldre"],
        "Ældre, der udskyder lægebesøg",
        "Flere ældre beboere har ikke været hos egen læge siden marts af frygt "
        "for smitte. Nogle kommer først af sted, når det er akut.",
    ),
    PublicEffort(
        "Smedetoften, afd. af 3B",
        "Smedetoften",
        (7, 6),
        BOERN,
        "both",
        ["lektiehjaelp-og-skole", "digital-kontakt"],
        ["boern-og-unge", "familier"],
        "Computere til hjemmeskolen",
        "Under hjemmeskolen delte tre-fire søskende én telefon til at følge "
        "undervisningen.",
        "Vi samlede brugte computere ind fra virksomheder i området, fik dem "
        "gjort klar og lånte dem ud til familierne med hjælp til at komme på "
        "skolens systemer.",
    ),
    PublicEffort(
        "Alabu Bolig",
        "Løvvangen",
        (7, 8),
        VOKSNE,
        "challenge",
        ["hjemloeshed", "gaeld-og-oekonomi"],
        ["udsatte-voksne", "hjemloese"],
        "Huslejerestancer efter nedlukningen",
        "Flere beboere, der mistede deres job eller timer under nedlukningen, er "
        "kommet måneder bagud med huslejen. Uden en aftale risikerer de at blive "
        "sat ud og stå uden bolig.",
    ),
    PublicEffort(
        "Civica",
        "Korsløkkeparken",
        (7, 10),
        BOERN,
        "both",
        ["lektiehjaelp-og-skole", "kultur-og-idraet"],
        ["boern-og-unge"],
        "Lektiehjælp og fodbold",
        "Mange af børnene fra lektiecaféen kom ikke tilbage efter nedlukningen.",
        "Først en time med lektier, så træning med den lokale fodboldklub. "
        "Fremmødet er fordoblet siden juni.",
    ),
    PublicEffort(
        "Civica",
        "Korsløkkeparken",
        (7, 14),
        AELDRE,
        "both",
        ["digital-kontakt", "ensomhed"],
        ["aeldre"],
        "Tabletkursus for seniorer",
        "Mange ældre har ingen smartphone eller ved ikke, hvordan de ringer op "
        "over video til børn og børnebørn.",
        "Vi lånte ti tablets af biblioteket og holder kursus i hold på fire i "
        "beboerlokalet, med en frivillig ved hver deltager.",
    ),
    PublicEffort(
        "Domea.dk",
        "Finsensvej",
        (7, 17),
        VOKSNE,
        "both",
        ["handicap", "ensomhed"],
        ["mennesker-med-handicap"],
        "Ledsagere til beboere med handicap",
        "Beboere i kørestol og med nedsat syn har næsten ikke været ude, fordi "
        "hjælpen til indkøb og ledsagelse faldt bort.",
        "Frivillige ledsagere følger beboerne på gåture og til indkøb, og "
        "beboerhuset har fået en rampe, så alle kan komme til fællesspisning.",
    ),
    PublicEffort(
        "Helhedsplan Vollsmose",
        "Vollsmose",
        (7, 20),
        VOKSNE,
        "both",
        ["angst-og-psykiske-lidelser", "opsoegende-arbejde"],
        ["psykisk-saarbare"],
        "Opsøgende team for psykisk sårbare",
        "Beboere med angst og depression har isoleret sig, og deres bostøtte har "
        "kun ringet under nedlukningen.",
        "Boligsociale medarbejdere og en sygeplejerske fra kommunens psykiatri "
        "besøger beboerne hjemme og aftaler et næste skridt med hver enkelt.",
    ),
    PublicEffort(
        "Vivabolig",
        "Kildeparken",
        (7, 24),
        BOERN,
        "challenge",
        ["kultur-og-idraet", "mental-mistrivsel"],
        ["boern-og-unge"],
        "Unge uden fritidsaktiviteter",
        "Klubben og fodboldklubben holdt lukket hele foråret, og flere unge er "
        "ikke kommet tilbage. De samles i opgangene om aftenen, og naboerne er "
        "utrygge.",
    ),
    PublicEffort(
        "KAB",
        "Mjølnerparken",
        (7, 29),
        AELDRE,
        "solution",
        ["faellesskaber-og-foreningsliv", "ensomhed"],
        ["aeldre", "etniske-minoriteter"],
        "Seniorcafé på flere sprog",
        solution="To beboere, der taler arabisk og somali, holder seniorcafé "
        "hver torsdag. Ældre, der aldrig kom i seniorklubben, kommer nu, fordi "
        "de bliver inviteret personligt.",
    ),
    PublicEffort(
        "Østjysk Bolig",
        "Bispehaven",
        (8, 3),
        VOKSNE,
        "solution",
        ["mad-og-fornoedenheder", "opsoegende-arbejde"],
        ["udsatte-voksne", "hjemloese"],
        "Madudlevering fra beboerhuset",
        solution="Sammen med Fødevarebanken deler vi overskudsmad ud to gange om "
        "ugen. Udleveringen er en anledning til at spørge, hvordan det går, og "
        "flere er kommet videre til rådgivning.",
    ),
    PublicEffort(
        "Vivabolig",
        "Løvvangen",
        (8, 6),
        AELDRE,
        "both",
        ["tryghedsopkald", "opsoegende-arbejde"],
        ["aeldre"],
        "Dørbank hos ældre, der ikke tager telefonen",
        "Nogle ældre tager ikke telefonen, når vi ringer, og vi ved ikke, om de "
        "klarer sig.",
        "Ejendomsfunktionæren og den boligsociale medarbejder banker på med en "
        "pose fra beboerhuset. Et kort besøg ved døren har åbnet kontakten til "
        "beboere, vi ikke havde hørt fra siden foråret.",
    ),
    PublicEffort(
        "Helhedsplan Vollsmose",
        "Vollsmose",
        (8, 10),
        BOERN,
        "both",
        ["foraeldrevejledning", "smitteforebyggelse-og-vaernemidler"],
        ["familier", "etniske-minoriteter"],
        "Smitteråd på forældrenes eget sprog",
        "Forældre, der ikke læser dansk, kendte ikke de nye regler for skole og "
        "SFO efter sommerferien.",
        "Bydelsmødre holdt små møder i opgangene på arabisk, somali og tyrkisk "
        "og delte Sundhedsstyrelsens råd ud som korte lydfiler.",
    ),
    PublicEffort(
        "KAB",
        "Tingbjerg",
        (8, 17),
        VOKSNE,
        "challenge",
        ["vold-i-naere-relationer", "mental-mistrivsel"],
        ["familier", "udsatte-voksne"],
        "Flere konflikter i hjemmet",
        "Efter måneder med hjemmearbejde og lukkede skoler hører de boligsociale "
        "medarbejdere om flere konflikter i familierne. Vi mangler viden om, hvor "
        "vi kan henvise beboerne hen.",
    ),
    PublicEffort(
        "Slagelse Boligselskab",
        "Ringparken",
        (8, 20),
        AELDRE,
        "challenge",
        ["smitteforebyggelse-og-vaernemidler", "faellesskaber-og-foreningsliv"],
        ["aeldre"],
        "Værnemidler til seniorklubben",
        "Seniorklubben vil gerne åbne igen, men afdelingen har ikke råd til "
        "mundbind og håndsprit til alle, og de frivillige er selv over 70 og "
        "bange for at smitte hinanden.",
    ),
    PublicEffort(
        "Boligselskabet Sjælland",
        "Ellemarken",
        (8, 24),
        BOERN,
        "solution",
        ["kultur-og-idraet", "faellesskaber-og-foreningsliv"],
        ["boern-og-unge", "familier"],
        "Sommercamp med den lokale idrætsforening",
        solution="Idrætsforeningen holdt sommercamp på boldbanen i afdelingen. "
        "Trænerne bor selv i området, og flere børn har meldt sig ind i klubben "
        "bagefter.",
    ),
    PublicEffort(
        "Domea.dk",
        "Finsensvej",
        (8, 27),
        AELDRE,
        "solution",
        ["kultur-og-idraet", "ensomhed"],
        ["aeldre"],
        "Gårdkoncerter for ældre beboere",
        solution="Hver anden fredag spiller lokale musikere i gården, så de ældre "
        "kan lytte fra altanen eller på en stol med god afstand. Bagefter er der "
        "kaffe, og mange bliver stående og snakker.",
    ),
    PublicEffort(
        "Næstved Boligselskab",
        "Kalbyris",
        (8, 31),
        VOKSNE,
        "both",
        ["misbrug", "brobygning-til-kommunen"],
        ["udsatte-voksne"],
        "Følgeskab til misbrugsbehandling",
        "Beboere, der var i gang med misbrugsbehandling, faldt fra, da "
        "behandlingen blev lagt om til telefon.",
        "Den boligsociale medarbejder følger beboeren til den første samtale i "
        "misbrugscentret og holder kontakten, til behandlingen er i gang igen.",
    ),
    PublicEffort(
        "Østjysk Bolig",
        "Gellerup",
        (9, 4),
        BOERN,
        "both",
        ["lektiehjaelp-og-skole", "foraeldrevejledning"],
        ["boern-og-unge", "familier"],
        "Lektiecafé med forældrecafé",
        "Lærerne fortæller, at mange børn er kommet bagud, og forældrene ved "
        "ikke, hvordan de kan hjælpe.",
        "Lektiecaféen er åben tre dage om ugen, og én gang om måneden fortæller "
        "en lærer fra skolen forældrene, hvad børnene arbejder med.",
    ),
    PublicEffort(
        "FAB",
        "Vollsmose",
        (9, 8),
        AELDRE,
        "both",
        ["ensomhed", "opsoegende-arbejde"],
        ["aeldre", "etniske-minoriteter"],
        "Gåhold for ensomme ældre",
        "Mange ældre med anden etnisk baggrund sidder alene, efter at "
        "foreningernes aktiviteter lukkede.",
        "To bydelsmødre går rundt i opgangene og inviterer til gåture tre gange "
        "om ugen. Turen ender på en bænk ved søen med te fra termokander.",
    ),
    PublicEffort(
        "Himmerland Boligforening",
        "Kildeparken",
        (9, 10),
        VOKSNE,
        "solution",
        ["beskaeftigelse", "faellesskaber-og-foreningsliv"],
        ["udsatte-voksne"],
        "Småjob i de grønne områder",
        solution="Ledige beboere får småjob i afdelingens grønne områder sammen "
        "med ejendomsfunktionærerne. Det giver faste rammer i hverdagen og en "
        "vej tilbage til jobcentrets tilbud.",
    ),
    PublicEffort(
        "Slagelse Boligselskab",
        "Ringparken",
        (9, 14),
        BOERN,
        "both",
        ["foraeldrevejledning", "digital-kontakt"],
        ["familier"],
        "Forældremøder om børn og skærme",
        "Efter hjemmeskolen sidder mange børn ved skærmen til langt ud på natten, "
        "og forældrene beder om hjælp.",
        "Sundhedsplejersken og den boligsociale medarbejder holder korte "
        "forældremøder i beboerhuset om søvn, skærm og faste rammer.",
    ),
    PublicEffort(
        "Alabu Bolig",
        "Løvvangen",
        (9, 17),
        BOERN,
        "challenge",
        ["lektiehjaelp-og-skole", "mental-mistrivsel"],
        ["boern-og-unge"],
        "Skolefravær efter genåbningen",
        "Skolen melder om flere børn fra afdelingen med højt fravær efter "
        "genåbningen. Nogle er bange for smitte, andre har vænnet sig til at "
        "være hjemme.",
    ),
    PublicEffort(
        "Brabrand Boligforening",
        "Skovgårdsparken",
        (9, 22),
        AELDRE,
        "challenge",
        ["selvisolation", "mental-mistrivsel"],
        ["aeldre", "psykisk-saarbare"],
        "Ældre, der bliver hjemme efter genåbningen",
        "Selv om aktiviteterne er åbne igen, kommer kun halvdelen af de faste "
        "deltagere tilbage. De fortæller om uro, dårlig søvn og angst for at gå "
        "ud.",
    ),
    PublicEffort(
        "AAB",
        "Tingbjerg",
        (9, 24),
        VOKSNE,
        "challenge",
        ["digital-kontakt", "brobygning-til-kommunen"],
        ["udsatte-voksne", "etniske-minoriteter"],
        "Beboere uden NemID",
        "Under nedlukningen kom kommunens breve kun i e-Boks. Beboere uden NemID "
        "eller computer har misset breve om ydelser og frister.",
    ),
    PublicEffort(
        "fsb",
        "Mjølnerparken",
        (9, 29),
        BOERN,
        "solution",
        ["digital-kontakt", "mental-mistrivsel"],
        ["boern-og-unge"],
        "Ungegruppe over video",
        solution="En ungegruppe mødes over video to aftener om ugen med en "
        "boligsocial medarbejder og en psykolog fra en frivillig organisation. "
        "De unge taler om ensomhed og om at komme tilbage i skole.",
    ),
    PublicEffort(
        "Civica",
        "Korsløkkeparken",
        (10, 1),
        VOKSNE,
        "both",
        ["gaeld-og-oekonomi", "brobygning-til-kommunen"],
        ["udsatte-voksne", "familier"],
        "Gældsrådgivning med frivillige jurister",
        "Flere familier har fået gæld til inkasso under nedlukningen og åbner "
        "ikke længere deres post.",
        "Frivillige gældsrådgivere holder åbent i beboerhuset hver anden mandag, "
        "og med administrationen laver vi afdragsordninger på huslejen, før "
        "sagen går videre.",
    ),
    PublicEffort(
        "Boligselskabet Sjælland",
        "Ellemarken",
        (10, 5),
        AELDRE,
        "solution",
        ["tryghedsopkald", "sundhed-og-egen-laege"],
        ["aeldre"],
        "Hjælp til influenzavaccination",
        solution="Ved tryghedsopkaldene i oktober spørger de frivillige, om "
        "beboeren er vaccineret mod influenza, og tilbyder at følge med til "
        "lægen eller apoteket.",
    ),
    PublicEffort(
        "Boligsocial helhedsplan Gellerup-Toveshøj",
        "Gellerup",
        (10, 8),
        BOERN,
        "challenge",
        ["foraeldrevejledning", "vold-i-naere-relationer"],
        ["familier", "boern-og-unge"],
        "Pressede familier i små lejligheder",
        "Store familier i to- og treværelseslejligheder har været tæt sammen i "
        "måneder. Skolen og sundhedsplejen har mødt færre familier, og "
        "bekymringer opdages sent.",
    ),
    PublicEffort(
        "Himmerland Boligforening",
        "Kildeparken",
        (10, 12),
        BOERN,
        "solution",
        ["faellesskaber-og-foreningsliv", "opsoegende-arbejde"],
        ["boern-og-unge"],
        "Gadeplansmedarbejdere om aftenen",
        solution="To gadeplansmedarbejdere går rundt i afdelingen fredag og "
        "lørdag aften og inviterer de unge med i hallen, som kommunen holder "
        "åben til klokken 23.",
    ),
    PublicEffort(
        "Slagelse Boligselskab",
        "Ringparken",
        (10, 15),
        VOKSNE,
        "solution",
        ["angst-og-psykiske-lidelser", "kultur-og-idraet"],
        ["psykisk-saarbare"],
        "Gåhold for beboere med angst",
        solution="Idrætsforeningen og den boligsociale medarbejder har startet "
        "et gåhold for beboere med angst og depression. Holdet mødes ved "
        "vaskeriet og går i faste par, så ingen står alene.",
    ),
    PublicEffort(
        "Smedetoften, afd. af 3B",
        "Smedetoften",
        (10, 19),
        AELDRE,
        "both",
        ["faellesskaber-og-foreningsliv", "smitteforebyggelse-og-vaernemidler"],
        ["aeldre", "udsatte-voksne"],
        "Fællesspisning i to hold",
        "Fællesspisningen var afdelingens vigtigste mødested for ensomme "
        "beboere, men beboerhuset må kun have 30 personer inde ad gangen.",
        "Vi spiser i to hold med tilmelding, faste pladser og en frivillig ved "
        "døren med håndsprit. Mad, der bliver tilovers, bringes ud til dem, der "
        "ikke selv kan komme.",
    ),
    PublicEffort(
        "Brabrand Boligforening",
        "Gellerup",
        (10, 22),
        VOKSNE,
        "both",
        ["hjemloeshed", "opsoegende-arbejde"],
        ["hjemloese", "psykisk-saarbare"],
        "Unge sofasovere",
        "Vi møder flere unge voksne, der sover på sofaen hos familie eller "
        "venner, efter at de mistede deres værelse under krisen.",
        "Den boligsociale medarbejder hjælper med at søge bolig gennem "
        "kommunens boliganvisning og følger op hver uge, til der er en fast "
        "adresse.",
    ),
    # Added later, so that every theme and target group has a count: last in
    # the list, so that the earlier ones keep their seeding tokens (the
    # references follow the dates, not this order: inputs.demo).
    PublicEffort(
        "Vivabolig",
        "Kildeparken",
        (8, 12),
        VOKSNE,
        "both",
        ["handicap", "sundhed-og-egen-laege"],
        ["mennesker-med-handicap"],
        "Kørsel til genoptræning",
        "Flere beboere med fysiske handicap fik aflyst deres genoptræning under "
        "nedlukningen. Da den åbnede igen, kunne de hverken selv bestille nye "
        "tider eller komme derhen med bussen.",
        "Den boligsociale medarbejder ringer med beboeren til kommunens "
        "genoptræning og egen læge, og to frivillige kører dem til og fra "
        "træningscentret i afdelingens minibus.",
    ),
    PublicEffort(
        "AAB",
        "Tingbjerg",
        (9, 2),
        VOKSNE,
        "solution",
        ["beskaeftigelse", "handicap"],
        ["mennesker-med-handicap", "udsatte-voksne"],
        "Fleksjob i ejendomsfunktionen",
        solution="Ejendomsfunktionen har oprettet tre fleksjob til beboere med "
        "handicap, der mistede deres arbejde under krisen. De passer "
        "legepladser og fællesarealer i korte, faste vagter, og jobcentret "
        "følger op en gang om måneden.",
    ),
    PublicEffort(
        "Civica",
        "Korsløkkeparken",
        (7, 22),
        VOKSNE,
        "both",
        ["vold-i-naere-relationer", "hjemloeshed"],
        ["familier", "udsatte-voksne"],
        "Akutboliger til beboere, der må flytte hjemmefra",
        "Under nedlukningen henvendte flere kvinder sig til os, fordi de ikke "
        "længere kunne bo hjemme på grund af vold, mens krisecentret i "
        "kommunen var fuldt.",
        "Vi stiller to møblerede akutboliger til rådighed i op til tre "
        "måneder. Den boligsociale medarbejder hjælper med kontakten til "
        "kommunen og krisecentret og med at finde en varig bolig.",
    ),
    PublicEffort(
        "Alabu Bolig",
        "Løvvangen",
        (9, 30),
        VOKSNE,
        "both",
        ["misbrug", "mad-og-fornoedenheder"],
        ["udsatte-voksne", "hjemloese"],
        "Morgenmad for beboere med misbrug",
        "Varmestuen i byen holdt lukket, og beboere med misbrug fik hverken et "
        "måltid eller nogen at tale med om morgenen.",
        "Tre morgener om ugen serverer frivillige morgenmad i beboerhuset. En "
        "medarbejder fra kommunens misbrugscenter er med og kan aftale en "
        "samtale på stedet.",
    ),
]
