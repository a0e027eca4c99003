// The plain-language privacy page (IND-1..IND-17), in Dutch and English: what is stored, who sees
// what, how long, how to erase. Adapt the last section (who is responsible, whom to ask) to your
// organisation before use; see the README.
import type { Lang } from "../i18n";

export interface PrivacySection {
  title: string;
  paragraphs: string[];
}

export function privacyText(lang: Lang, k: number, kHeart: number, retentionDays: number): PrivacySection[] {
  if (lang === "nl") {
    return [
      {
        title: "Waarom?",
        paragraphs: [
          "Je team bespreekt samen wat het werk vraagt van slaap, beweging en hartslag, bijvoorbeeld \"de nachtdienst slaapt gemiddeld 6 uur 10\". Daarvoor tellen we de gegevens van je activity tracker op met die van je collega's. Meedoen is vrijwillig, en je kunt op elk moment stoppen.",
        ],
      },
      {
        title: "Wat bewaren we?",
        paragraphs: [
          "Alleen samenvattingen per dag: hoeveel minuten je sliep in je hoofdslaap, hoeveel stappen je zette, hoeveel actieve minuten je had, je rusthartslag, je hartslagvariabiliteit (HRV) en je zuurstofgehalte. Metingen per minuut of per seconde worden tijdens het inladen samengevat en nooit bewaard. Dutjes tellen niet mee.",
          "We bewaren alleen wat je aanvinkt bij toestemming (slaap, beweging, hart). Je naam, e-mailadres, locatie (GPS), berichten of profiel uit je export lezen we niet.",
          "Je gegevens staan onder een schuilnaam (een willekeurige code), niet onder je naam, en zijn versleuteld (AES-256) opgeslagen op de server van je organisatie.",
        ],
      },
      {
        title: "Wie ziet wat?",
        paragraphs: [
          "Jij: je eigen waarden, met je persoonlijke link. Niemand anders ziet ooit je waarden, ook de begeleider niet.",
          `Je team: alleen cijfers over de hele groep, en alleen als minstens ${k} mensen meededen (${kHeart} voor hartslag en HRV) en niemand meer dan de helft van de gegevens levert. Anders staat er bijvoorbeeld "3 van ${k} mensen tot nu toe". Ook het verschil met vorige week wordt alleen getoond als dat niemand apart zichtbaar maakt.`,
          "De begeleider: hoeveel mensen meedoen en toestemming gaven, nooit waarden.",
        ],
      },
      {
        title: "Hoe lang?",
        paragraphs: [
          `Tot je ze wist, en hoogstens ${retentionDays} dagen na de dag waarover ze gaan; daarna wissen we ze vanzelf.`,
        ],
      },
      {
        title: "Hoe wis ik mijn gegevens?",
        paragraphs: [
          "Op de pagina Mijn gegevens: één knop wist je en al je gegevens meteen. De teamcijfers worden dan opnieuw berekend zonder jou. Je kunt ook per soort je toestemming intrekken: wat je niet meer deelt, wordt gewist. Cijfers die het team al eerder zag, blijven in de geschiedenis van het bord staan zoals ze toen getoond werden; ze gaan nooit over jou alleen.",
        ],
      },
      {
        title: "Vragen?",
        paragraphs: [
          "Je organisatie is verantwoordelijk voor deze gegevens (AVG/GDPR, artikel 9: gezondheidsgegevens). Vraag je begeleider wie je kunt contacteren over privacy.",
        ],
      },
    ];
  }
  return [
    {
      title: "Why?",
      paragraphs: [
        "Your team talks together about what the work asks of sleep, movement and heart rate, for example \"the night shift sleeps 6 h 10 on average\". For that we add up the data of your activity tracker with your colleagues'. Taking part is voluntary, and you can stop at any time.",
      ],
    },
    {
      title: "What do we keep?",
      paragraphs: [
        "Only daily summaries: how many minutes you slept in your main sleep, how many steps you took, how many active minutes you had, your resting heart rate, your heart rate variability (HRV) and your oxygen saturation. Readings per minute or per second are summarised while loading and never kept. Naps do not count.",
        "We keep only what you tick in your consent (sleep, movement, heart). We do not read your name, e-mail address, location (GPS), messages or profile from your export.",
        "Your data is kept under a pseudonym (a random code), not under your name, and encrypted (AES-256) on your organisation's server.",
      ],
    },
    {
      title: "Who sees what?",
      paragraphs: [
        "You: your own values, with your personal link. Nobody else ever sees your values, not even the facilitator.",
        `Your team: only figures about the whole group, and only when at least ${k} people took part (${kHeart} for heart rate and HRV) and nobody supplies more than half of the data. Otherwise it says, for example, "3 of ${k} people so far". The change from last week is shown only when it singles nobody out either.`,
        "The facilitator: how many people take part and gave consent, never values.",
      ],
    },
    {
      title: "How long?",
      paragraphs: [`Until you erase it, and at most ${retentionDays} days after the day it is about; after that we erase it automatically.`],
    },
    {
      title: "How do I erase my data?",
      paragraphs: [
        "On the My data page: one button erases you and all your data at once. The team figures are then recomputed without you. You can also withdraw consent per kind: what you no longer share is erased. Figures the team saw before stay in the board's history as they were shown then; they are never about you alone.",
      ],
    },
    {
      title: "Questions?",
      paragraphs: [
        "Your organisation is responsible for this data (GDPR article 9: health data). Ask your facilitator whom to contact about privacy.",
      ],
    },
  ];
}
