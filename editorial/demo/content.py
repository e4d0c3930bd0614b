"""Demo articles: plausible, but written for trying the service out, not for readers.

Each body says so in its first line, and no demo article should ever reach a real site
(seed_demo refuses to run with DEBUG off).
"""

DEMO_NOTE = "*Demo content for trying out Imprimatur; not medical advice.*\n\n"
# The demo editors', board members' and superuser's authenticator secret (base32), public like
# the demo password: `manage.py demo_code` prints its current code.
DEMO_TOTP_SECRET = "IMPRIMATURDEMOSECRETKEY234567ABC"  # noqa: S105 - demo accounts only

SPECIALTIES = [
    ("Cardiology", "cardiology"),
    ("Endocrinology", "endocrinology"),
    ("Respiratory medicine", "respiratory-medicine"),
    ("Neurology", "neurology"),
    ("Psychiatry", "psychiatry"),
    ("Haematology", "haematology"),
]


def ref(kind: str, title: str, source: str, year: int, url: str = "") -> dict:
    return {"kind": kind, "title": title, "source": source, "year": year, "url": url}


ARTICLES = [
    {
        "slug": "high-blood-pressure",
        "specialty": "cardiology",
        "title": "High blood pressure: what it means and how it is treated",
        "summary": "Blood pressure that stays high strains the heart and blood vessels. "
        "Lifestyle changes and, when needed, medicines bring it down and lower the risk of "
        "stroke and heart attack.",
        "summary_patient": "High blood pressure rarely causes symptoms, so the only way to "
        "know is to have it measured. Treating it lowers your risk of a stroke.",
        "summary_caregiver": "Help the person you care for keep a home blood-pressure diary "
        "and take their medicines at the same time each day.",
        "summary_clinician": "Confirm the diagnosis with ambulatory or home monitoring before "
        "starting treatment; choose the first drug by age and ethnicity per guideline.",
        "body": "## What is high blood pressure?\n\n"
        "Blood pressure is the force of blood against the walls of the arteries. It is "
        "called high when it stays at or above 140/90 mmHg in the clinic [1].\n\n"
        "## Why it matters\n\nOver years, raised pressure damages arteries, the heart, the "
        "kidneys and the eyes. Lowering it reduces strokes and heart attacks [2].\n\n"
        "## Treatment\n\n- Less salt, more activity, a healthy weight and less alcohol.\n"
        "- Medicines when lifestyle changes are not enough, or the risk is high [1].\n",
        "references": [
            ref(
                "guideline",
                "Hypertension in adults: diagnosis and management (NG136)",
                "National Institute for Health and Care Excellence",
                2019,
                "https://www.nice.org.uk/guidance/ng136",
            ),
            ref(
                "systematic_review",
                "Blood pressure lowering for prevention of cardiovascular disease and death",
                "The Lancet",
                2016,
            ),
        ],
    },
    {
        "slug": "type-2-diabetes-first-steps",
        "specialty": "endocrinology",
        "title": "Type 2 diabetes: the first steps after diagnosis",
        "summary": "What to expect in the first months after a diagnosis of type 2 diabetes.",
        "summary_patient": "Most people start with changes to eating and activity, and often "
        "with metformin.",
        "body": "## Understanding the diagnosis\n\nType 2 diabetes means the body does not "
        "use insulin well, so blood glucose stays high [1].\n\n## First treatment\n\n"
        "Structured education and metformin are usually offered first [1]. Weight loss can "
        "put the condition into remission for some people [2].\n",
        # The whole article written for patients, in plain words and short sentences: its
        # reading level is measured at submission against the patient target (grade 8).
        "body_patient": "## What it means\n\n"
        "Type 2 diabetes means your body does not respond to insulin as well as it should, "
        "so the sugar level in your blood stays too high [1].\n\n"
        "## What happens first\n\n"
        "Your doctor or nurse will invite you to a course that explains the condition and "
        "how to manage it in everyday life. Most people also start a tablet called "
        "metformin, which helps your body use insulin better [1]. Take it with food, because "
        "it can upset your stomach for the first few weeks.\n\n"
        "## What you can do\n\n"
        "Healthy eating and regular activity make a real difference. Losing weight helps the "
        "most: for some people, it can even put the diabetes into remission, sometimes for "
        "several years, without any medication [2]. Ask your nurse which changes suit you "
        "best.\n\n"
        "## Your regular checks\n\n"
        "A blood test called HbA1c shows your average sugar level over the last three months "
        "[1]. Once a year, your feet, eyes and kidneys will also be checked, because high "
        "sugar levels can damage them over time.\n",
        "references": [
            ref(
                "guideline",
                "Type 2 diabetes in adults: management (NG28)",
                "National Institute for Health and Care Excellence",
                2022,
                "https://www.nice.org.uk/guidance/ng28",
            ),
            ref(
                "randomised_trial",
                "Primary care-led weight management for remission of type 2 diabetes (DiRECT)",
                "The Lancet",
                2018,
            ),
        ],
    },
    {
        "slug": "asthma-in-children",
        "specialty": "respiratory-medicine",
        "title": "Asthma in children: spotting it and keeping it under control",
        "summary": "Wheeze, cough and breathlessness in children, and how an asthma plan helps.",
        "body": "## Signs\n\nA wheeze, a night-time cough and breathlessness with colds or "
        "exercise can mean asthma [1].\n\n## Control\n\nA written asthma action plan and a "
        "preventer inhaler used every day reduce attacks [1].\n",
        "references": [
            ref(
                "guideline",
                "British guideline on the management of asthma",
                "British Thoracic Society and SIGN",
                2019,
            ),
        ],
    },
    {
        "slug": "migraine-treatment",
        "specialty": "neurology",
        "title": "Migraine: treating attacks and preventing them",
        "summary": "Which medicines help during an attack, and when prevention is worth it.",
        # Shows the checks at submission: a range and a list of citations, each linked; a
        # review older than the ten-year limit; a patient summary under its grade-8 target, a
        # caregivers' one above its target of 10 (a warning) and a clinicians' with no target.
        "summary_patient": "Take a painkiller as soon as the headache starts. If it does not "
        "help, ask your doctor about a triptan. Keep a diary of your attacks.",
        "summary_caregiver": "Recognising prodromal symptoms, facilitating prompt "
        "administration of acute medication and maintaining a comprehensive headache diary "
        "substantially improve the management of recurrent attacks.",
        "summary_clinician": "Offer combination therapy with an oral triptan and an NSAID or "
        "paracetamol; consider prophylaxis with propranolol or topiramate when attacks are "
        "frequent, prolonged or disabling despite optimised acute treatment.",
        "body": "## During an attack\n\nA painkiller taken early, with or without an "
        "anti-sickness medicine, and a triptan if that is not enough [1, 3].\n\n"
        "## Prevention\n\nConsider it when attacks are frequent or disabling [1-2].\n",
        "references": [
            ref(
                "guideline",
                "Headaches in over 12s: diagnosis and management (CG150)",
                "National Institute for Health and Care Excellence",
                2021,
            ),
            ref("review", "Migraine: preventive treatment", "BMJ", 2020),
            {
                **ref(
                    "systematic_review",
                    "Triptans for acute migraine attacks in adults",
                    "Cochrane Database of Systematic Reviews",
                    2014,
                ),
                # 10.5555 is a prefix kept for test DOIs: a DOI in form that names no paper.
                "doi": "10.5555/demo.triptans.2014",
            },
        ],
    },
    {
        "slug": "iron-deficiency-anaemia",
        "specialty": "haematology",
        "title": "Iron-deficiency anaemia in adults",
        "summary": "Why iron runs low, what tests show it, and how it is replaced.",
        "body": "## Causes\n\nBlood loss, low intake and poor absorption are the usual causes "
        "[1].\n\n## Treatment\n\nOral iron once daily or on alternate days is often better "
        "tolerated [2].\n",
        "references": [
            ref(
                "guideline",
                "Guidelines for the management of iron deficiency anaemia in adults",
                "British Society of Gastroenterology",
                2021,
            ),
            ref(
                "randomised_trial",
                "Iron absorption from oral iron supplements given on "
                "consecutive versus alternate days",
                "The Lancet Haematology",
                2017,
            ),
        ],
    },
    {
        "slug": "atrial-fibrillation",
        "specialty": "cardiology",
        "title": "Atrial fibrillation and stroke prevention",
        "summary": "An irregular heartbeat raises the risk of stroke; anticoagulants lower it.",
        "body": "## What it is\n\nIn atrial fibrillation the upper chambers of the heart beat "
        "irregularly [1].\n\n## Preventing stroke\n\nThe risk is weighed with a score; "
        "anticoagulation is offered to most people at raised risk [1].\n",
        "references": [
            ref(
                "guideline",
                "Atrial fibrillation: diagnosis and management (NG196)",
                "National Institute for Health and Care Excellence",
                2021,
            ),
        ],
    },
    {
        "slug": "depression-in-older-adults",
        "specialty": "psychiatry",
        "title": "Depression in older adults",
        "summary": "Depression is not a normal part of ageing, and it responds to treatment.",
        "body": "## Recognising it\n\nLow mood, loss of interest, poor sleep and slowed "
        "thinking can be mistaken for ageing [1].\n\n## Treatment\n\nTalking therapies and "
        "antidepressants both help; choice depends on severity and preference [1].\n",
        "references": [
            ref(
                "guideline",
                "Depression in adults: treatment and management (NG222)",
                "National Institute for Health and Care Excellence",
                2022,
            ),
        ],
    },
    {
        "slug": "vitamin-d-supplements",
        "specialty": "endocrinology",
        "title": "Vitamin D supplements: who needs them",
        "summary": "Who may benefit from a daily vitamin D supplement.",
        "body": "## Who should consider it\n\nPeople who get little sunlight may benefit from "
        "10 micrograms a day [1].\n\n## Too much\n\nHigh doses over long periods can be "
        "harmful [7].\n",
        "references": [
            ref(
                "guideline",
                "Vitamin D: supplement use in specific population groups (PH56)",
                "National Institute for Health and Care Excellence",
                2017,
            ),
        ],
    },
    {
        "slug": "sleep-and-insomnia",
        "specialty": "psychiatry",
        "title": "Sleeping better: insomnia without sleeping pills",
        "summary": "Cognitive behavioural therapy for insomnia works better in the long run "
        "than sleeping pills.",
        "body": "## First-line treatment\n\nCognitive behavioural therapy for insomnia "
        "(CBT-I) is recommended first [1].\n",
        "references": [
            ref(
                "guideline",
                "European guideline for the diagnosis and treatment of insomnia",
                "Journal of Sleep Research",
                2023,
            ),
        ],
    },
    {
        "slug": "copd-inhaler-technique",
        "specialty": "respiratory-medicine",
        "title": "COPD: getting the most from your inhalers",
        "summary": "Inhalers only help if the medicine reaches the lungs; good technique and "
        "regular checks make the difference.",
        "summary_patient": "Ask your nurse or pharmacist to watch you use your inhaler at "
        "least once a year.",
        "body": "## Why technique matters\n\nMost people make at least one mistake with "
        "their inhaler, and less medicine then reaches the lungs [1].\n\n## Getting it "
        "right\n\n- Breathe out fully before each puff.\n- Use a spacer with a metered-dose "
        "inhaler if you find timing hard [1].\n- Have your technique checked at every "
        "review [2].\n",
        "references": [
            ref(
                "guideline",
                "Chronic obstructive pulmonary disease in over 16s: diagnosis and "
                "management (NG115)",
                "National Institute for Health and Care Excellence",
                2019,
                "https://www.nice.org.uk/guidance/ng115",
            ),
            ref(
                "systematic_review",
                "Inhaler errors in the treatment of asthma and COPD",
                "npj Primary Care Respiratory Medicine",
                2017,
            ),
        ],
    },
    {
        "slug": "first-seizure-in-adults",
        "specialty": "neurology",
        "title": "A first seizure in adults: what happens next",
        "summary": "After a first seizure most people are seen in a specialist clinic; one "
        "seizure does not always mean epilepsy.",
        "body": "## After the seizure\n\nAnyone who has a first seizure should be seen by a "
        "specialist, ideally within two weeks [1].\n\n## Tests\n\nAn EEG and often a brain "
        "scan help to judge the chance of another seizure [1].\n\n## Driving\n\nYou must "
        "stop driving and tell the licensing agency; how long depends on the tests [2].\n",
        "references": [
            ref(
                "guideline",
                "Epilepsies in children, young people and adults (NG217)",
                "National Institute for Health and Care Excellence",
                2022,
                "https://www.nice.org.uk/guidance/ng217",
            ),
            ref(
                "guideline",
                "Assessing fitness to drive: a guide for medical professionals",
                "Driver and Vehicle Licensing Agency",
                2024,
            ),
        ],
    },
    {
        "slug": "underactive-thyroid",
        "specialty": "endocrinology",
        "title": "Underactive thyroid (hypothyroidism)",
        "summary": "A common condition that causes tiredness and weight gain, found with a "
        "blood test and treated with a daily tablet.",
        "body": "## Symptoms\n\nTiredness, feeling cold, weight gain and low mood come on "
        "slowly and are easy to miss [1].\n\n## Treatment\n\nLevothyroxine replaces the "
        "missing hormone; NICE guidance from 2016 recommends checking the dose with a blood "
        "test [1].\n",
        "references": [
            ref(
                "guideline",
                "Thyroid disease: assessment and management (NG145)",
                "National Institute for Health and Care Excellence",
                2019,
                "https://www.nice.org.uk/guidance/ng145",
            ),
        ],
    },
    {
        "slug": "heart-failure-daily-life",
        "specialty": "cardiology",
        "title": "Living with heart failure: day-to-day care",
        "summary": "Daily weighing, medicines taken as prescribed and a plan for bad days "
        "keep people with heart failure out of hospital.",
        "body": "## Weigh yourself every day\n\nA gain of 2 kg in three days can mean fluid "
        "is building up; call your heart failure team [1].\n\n## Medicines\n\nSeveral "
        "medicines together improve symptoms and survival; do not stop them without advice "
        "[1][2].\n",
        "references": [
            ref(
                "guideline",
                "Chronic heart failure in adults: diagnosis and management (NG106)",
                "National Institute for Health and Care Excellence",
                2018,
                "https://www.nice.org.uk/guidance/ng106",
            ),
            ref(
                "guideline",
                "ESC Guidelines for the diagnosis and treatment of acute and chronic heart failure",
                "European Heart Journal",
                2021,
            ),
        ],
    },
]
