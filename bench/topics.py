"""Building blocks for realistic Danish inputs (2020, COVID-19, almene
boliger): each topic has titles, challenges and solutions written the way
housing-social workers write, with the inflections, compounds and spellings
people really use. bench/make_corpus.py and the latency benchmark draw on it."""

TOPICS = {
    "ensomhed": {
        "theme": "ensomhed",
        "group": "aeldre",
        "partnership": "svaekkede-aeldre",
        "titles": [
            "Ensomme ældre i afdelingen",
            "Ældre beboere der sidder alene",
            "Ensomhed blandt pensionister under nedlukningen",
            "Seniorer uden netværk",
        ],
        "challenges": [
            "Mange ældre beboere har isoleret sig i deres lejligheder siden marts og har næsten ingen kontakt til andre.",
            "Pensionisterne i afdelingen kom før til fællesspisning, men nu sidder de alene, og flere virker triste og forvirrede.",
            "Enlige ældre mistede kontakten til familien, da besøg på plejecentre og i hjemmet blev frarådet.",
            "Vi oplever, at ensomheden blandt de ældste beboere er blevet større under coronakrisen.",
        ],
        "solutions": [
            "Frivillige ringer til de ældre hver uge og inviterer til kaffe i gården med god afstand.",
            "Vi har startet en telefonkæde, hvor beboerne ringer til hinanden hver formiddag.",
            "Den boligsociale medarbejder går hjemmebesøg og hjælper med indkøb og en snak.",
            "Seniorklubben mødes nu udendørs to gange om ugen med gåture og kaffe på termokande.",
        ],
    },
    "lektiehjaelp": {
        "theme": "lektiehjaelp-og-skole",
        "group": "boern-og-unge",
        "partnership": "udsatte-boern-og-unge",
        "titles": [
            "Lektiehjælp under skolelukningen",
            "Børn der ikke kunne følge med i fjernundervisningen",
            "Hjælp til lektier i beboerhuset",
        ],
        "challenges": [
            "Mange skolebørn i området havde hverken computer eller ro til at lave lektier under hjemmeskolingen.",
            "Forældre med et andet modersmål kunne ikke hjælpe børnene med opgaverne fra skolen.",
            "Børnene er kommet bagud i dansk og matematik efter foråret med fjernundervisning.",
        ],
        "solutions": [
            "Vi åbnede en lektiecafé i beboerhuset med frivillige studerende og små hold.",
            "Afdelingen lånte bærbare computere ud, og frivillige hjalp med lektierne over video.",
            "Lektiehjælpen foregår nu to eftermiddage om ugen i samarbejde med skolen.",
        ],
    },
    "mad": {
        "theme": "mad-og-fornoedenheder",
        "group": "familier",
        "partnership": "udsatte-voksne",
        "titles": [
            "Madpakker til familier i karantæne",
            "Madudlevering til sårbare beboere",
            "Fællesspisning som take away",
        ],
        "challenges": [
            "Familier i karantæne kunne ikke handle ind, og nogle havde ikke råd til mad sidst på måneden.",
            "Sårbare beboere turde ikke gå i supermarkedet af frygt for smitte.",
            "Den ugentlige fællesspisning måtte lukke, og for flere var det dagens eneste varme måltid.",
        ],
        "solutions": [
            "Frivillige pakkede madkasser og bragte dem ud til døren i hele boligområdet.",
            "Vi lavede fællesspisningen om til take away, som beboerne henter i gården.",
            "Et samarbejde med den lokale købmand giver rabat på dagligvarer til familier med lav indkomst.",
        ],
    },
    "digital": {
        "theme": "digital-kontakt",
        "group": "aeldre",
        "partnership": "svaekkede-aeldre",
        "titles": [
            "Digital hjælp til ældre beboere",
            "Videoopkald i stedet for besøg",
            "IT-hjælp og tablets til seniorer",
        ],
        "challenges": [
            "Mange ældre kunne ikke bruge NemID, videoopkald eller netbank, da alt blev digitalt.",
            "Beboere uden internet eller smartphone blev afskåret fra information om corona.",
            "Kommunens tilbud flyttede online, og de svageste beboere faldt fra.",
        ],
        "solutions": [
            "Unge frivillige lærer ældre beboere at bruge tablets og videoopkald ved hjemmebesøg.",
            "Vi har lånt tablets ud med internet og holder digital kaffe hver fredag.",
            "En IT-café i fælleshuset hjælper med NemID, e-Boks og netbank.",
        ],
    },
    "job": {
        "theme": "beskaeftigelse",
        "group": "boern-og-unge",
        "partnership": "udsatte-boern-og-unge",
        "titles": [
            "Unge uden job efter nedlukningen",
            "Fritidsjob til unge i boligområdet",
            "Beskæftigelse og praktikpladser",
        ],
        "challenges": [
            "Mange unge mistede deres fritidsjob i butikker og restauranter, da landet lukkede ned.",
            "Unge ledige i afdelingen har svært ved at finde praktikplads og mister motivationen.",
            "Arbejdsløsheden er steget blandt beboerne, især blandt unge uden uddannelse.",
        ],
        "solutions": [
            "Jobkonsulenten holder åben rådgivning i beboerhuset og hjælper med ansøgninger.",
            "Vi har skaffet fritidsjob til unge hos lokale virksomheder og i afdelingen.",
            "Et samarbejde med jobcentret giver unge mentorer og praktik i boligorganisationen.",
        ],
    },
    "psykisk": {
        "theme": "mental-mistrivsel",
        "group": "psykisk-saarbare",
        "partnership": "udsatte-voksne",
        "titles": [
            "Psykisk sårbare beboere under isolationen",
            "Angst og mistrivsel efter nedlukningen",
            "Beboere med psykiske lidelser mister støtte",
        ],
        "challenges": [
            "Beboere med angst eller depression mistede deres faste støtte, da bostøtten gik over til telefon.",
            "Flere psykisk sårbare beboere har isoleret sig helt og åbner ikke døren.",
            "Naboer klager over uro, fordi en beboer med psykisk sygdom ikke får den hjælp, han plejer.",
        ],
        "solutions": [
            "Den boligsociale medarbejder går ture med beboerne og holder kontakten til psykiatrien.",
            "Vi har lavet et samarbejde med kommunens socialpsykiatri om opsøgende besøg.",
            "En fast kontaktperson ringer dagligt og kan hente hjælp, hvis det går galt.",
        ],
    },
    "vold": {
        "theme": "vold-i-naere-relationer",
        "group": "familier",
        "partnership": "udsatte-voksne",
        "titles": [
            "Vold i hjemmet under nedlukningen",
            "Bekymring for kvinder og børn i konflikt",
            "Husspektakler og vold i nære relationer",
        ],
        "challenges": [
            "Ejendomsfunktionærerne hører flere skænderier og har mistanke om vold i familier.",
            "Kvinder, der er udsat for vold, kan ikke søge hjælp, når hele familien er hjemme.",
            "Børn i familier med vold har mistet pusterummet i skolen og fritidsklubben.",
        ],
        "solutions": [
            "Vi har hængt information om krisecentre og hotlines op i alle opgange på flere sprog.",
            "Medarbejderne er uddannet i at opdage tegn på vold og ved, hvem de skal kontakte.",
            "Et tæt samarbejde med kommunen sikrer hurtig underretning og støtte til familien.",
        ],
    },
    "gaeld": {
        "theme": "gaeld-og-oekonomi",
        "group": "udsatte-voksne",
        "partnership": "udsatte-voksne",
        "titles": [
            "Huslejerestancer og gæld",
            "Økonomisk rådgivning til beboere",
            "Beboere i risiko for udsættelse",
        ],
        "challenges": [
            "Flere beboere er kommet bagud med huslejen efter at have mistet arbejde under krisen.",
            "Gæld til kviklån og inkasso vokser, og beboerne tør ikke åbne deres post.",
            "Familier risikerer at blive sat ud af lejligheden på grund af restancer.",
        ],
        "solutions": [
            "En gældsrådgiver holder fast åben rådgivning i afdelingen hver anden uge.",
            "Vi laver afdragsordninger tidligt, så ingen bliver sat ud på grund af huslejen.",
            "Beboerne får hjælp til budget og økonomi af frivillige fra en økonomisk førstehjælp.",
        ],
    },
    "sprog": {
        "theme": "brobygning-til-kommunen",
        "group": "etniske-minoriteter",
        "partnership": "udsatte-voksne",
        "titles": [
            "Information om corona på flere sprog",
            "Beboere der ikke forstår myndighedernes anbefalinger",
            "Brobygning til beboere med anden etnisk baggrund",
        ],
        "challenges": [
            "Myndighedernes information om smitte og test nåede ikke beboere, der ikke læser dansk.",
            "Rygter om corona spredte sig hurtigt på sociale medier i boligområdet.",
            "Ældre indvandrere forstod ikke reglerne for forsamlinger og afstand.",
        ],
        "solutions": [
            "Vi fik oversat plakater og videoer til arabisk, somali, tyrkisk og urdu.",
            "Lokale sundhedsambassadører gik fra dør til dør og forklarede retningslinjerne.",
            "Tolke hjalp ved informationsmøder i gården og i moskeen.",
        ],
    },
    "idraet": {
        "theme": "kultur-og-idraet",
        "group": "boern-og-unge",
        "partnership": "udsatte-boern-og-unge",
        "titles": [
            "Fodbold og idræt for unge i sommerferien",
            "Fritidstilbud til børn og unge",
            "Aktiviteter for unge, da klubben lukkede",
        ],
        "challenges": [
            "Da ungdomsklubben og idrætsforeningerne lukkede, hang de unge ud i opgangene.",
            "Børn i afdelingen har siddet inde foran skærmen hele foråret og mangler bevægelse.",
            "Der var uro og hærværk om aftenen, fordi de unge ikke havde noget at lave.",
        ],
        "solutions": [
            "Vi holdt fodboldturnering og streetbasket på boldbanen med faste voksne.",
            "Aktivitetsposer med spil, bolde og kridt blev delt ud til alle familier.",
            "Sommerferieaktiviteter med udflugter, kajak og kreative værksteder for børn.",
        ],
    },
    "smitte": {
        "theme": "smitteforebyggelse-og-vaernemidler",
        "group": "aeldre",
        "partnership": "svaekkede-aeldre",
        "titles": [
            "Smitteforebyggelse i opgange og vaskerier",
            "Håndsprit og rengøring i fællesarealer",
            "Smitteudbrud i boligafdelingen",
        ],
        "challenges": [
            "Beboerne var bekymrede for smitte i vaskeriet, elevatorerne og på trapperne.",
            "Der manglede håndsprit og mundbind til ældre og kronisk syge beboere.",
            "Et smitteudbrud i afdelingen gjorde mange beboere utrygge.",
        ],
        "solutions": [
            "Ejendomsfunktionærerne rengør dørhåndtag og gelændere flere gange dagligt.",
            "Vi satte håndspritstandere op ved alle indgange og delte mundbind ud.",
            "Booking af vaskeriet på nettet mindsker trængsel og smitterisiko.",
        ],
    },
    "hjemloes": {
        "theme": "hjemloeshed",
        "group": "hjemloese",
        "partnership": "udsatte-voksne",
        "titles": [
            "Hjemløse i kældre og opgange",
            "Udsatte voksne uden fast bopæl",
            "Misbrug og hjemløshed i boligområdet",
        ],
        "challenges": [
            "Hjemløse søgte ly i kældrene, da varmestuerne lukkede under nedlukningen.",
            "Beboere med misbrug mistede kontakten til behandlingen og risikerer udsættelse.",
            "Unge sofasurfere bor hos venner i afdelingen uden egen kontrakt.",
        ],
        "solutions": [
            "Vi samarbejder med gadeteams og kommunen om at finde midlertidige boliger.",
            "Housing first: boligorganisationen stiller lejligheder til rådighed med bostøtte.",
            "Opsøgende medarbejdere holder kontakt til hjemløse og formidler hjælp.",
        ],
    },
    "familier": {
        "theme": "foraeldrevejledning",
        "group": "familier",
        "partnership": "udsatte-boern-og-unge",
        "titles": [
            "Sårbare familier under hjemmeisolation",
            "Enlige forældre der mangler aflastning",
            "Familier med mange børn i små lejligheder",
        ],
        "challenges": [
            "En sårbar familie med fem børn i en toværelses lejlighed var presset til det yderste.",
            "Enlige mødre fik ingen pause, da institutionerne lukkede.",
            "Forældrene var bekymrede og usikre på, hvordan de skulle tale med børnene om corona.",
        ],
        "solutions": [
            "Familierådgiveren tilbyder forældresamtaler og aflastning et par timer om ugen.",
            "Vi har lavet familieaktiviteter i gården, så forældrene kan mødes med afstand.",
            "Mødregruppen mødes igen udendørs med en sundhedsplejerske.",
        ],
    },
    "frivillige": {
        "theme": "faellesskaber-og-foreningsliv",
        "group": "udsatte-voksne",
        "partnership": "udsatte-voksne",
        "titles": [
            "Frivillignetværk i boligområdet",
            "Naboer der hjælper naboer",
            "Beboerdemokratiet under corona",
        ],
        "challenges": [
            "Mange beboere ville gerne hjælpe, men der var ingen, der koordinerede indsatsen.",
            "Afdelingsmøder og beboerarrangementer blev aflyst, og fællesskabet forsvandt.",
            "De faste frivillige er selv i risikogruppen og måtte blive hjemme.",
        ],
        "solutions": [
            "En Facebookgruppe og opslag i opgangene kobler frivillige med beboere, der har brug for hjælp.",
            "Afdelingsbestyrelsen holdt afdelingsmøde digitalt og udendørs.",
            "Nye unge frivillige har overtaget indkøb og hundeluftning for de ældre.",
        ],
    },
}

PLACES = [
    "Køge",
    "Næstved",
    "Aalborg",
    "Aarhus",
    "Odense",
    "København",
    "Esbjerg",
    "Randers",
    "Vejle",
    "Helsingør",
    "Holbæk",
    "Slagelse",
    "Frederikshavn",
    "Sønderborg",
]

ESTATES = [
    "Smedetoften",
    "Gellerupparken",
    "Vollsmose",
    "Mjølnerparken",
    "Tingbjerg",
    "Skovparken",
    "Nørrebro Park",
    "Kildeparken",
    "Stengårdsvej",
    "Sundholm",
]
