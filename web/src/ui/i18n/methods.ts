// The source documents' methods as boards (issue 20): arrows of the change map (IT-6), scores of
// the integrative method (IT-7).
// `en` is typed against `nl`, so a key missing in English fails the type check.
export const nl = {
  arrowsLabel: "Pijlen tussen kaartjes",
  arrowFromTo: "Pijl van “{from}” naar “{to}”",
  menuArrowTo: "Pijl naar…",
  menuArrowRemove: "Pijl weghalen…",
  arrowTargetsLabel: "Pijl naar welk kaartje?",
  arrowRemoveLabel: "Welke pijl weghalen?",
  arrowTarget: "→ {text}",
  arrowNoTargets: "Geen kaartjes in de volgende kolom om naar te wijzen.",
  arrowDrawn: "Pijl getekend naar “{text}”.",
  arrowRemoved: "Pijl naar “{text}” weggehaald.",
  scoreMine: "Jouw score voor {criterion}: {action}",
  scoreNone: "–",
  scoreSum: "Σ {sum} · {people} p.",
  scoreSumLabel: "Samen {sum} punten van {people} personen",
  scoreTotal: "Totaal {total} · plaats {rank}",
  scoreTotalLabel: "{action}: totaal {total} punten van {people} personen, plaats {rank}",
  scoreSet: "Score {value} gegeven voor {criterion}.",
};

export const en: Record<keyof typeof nl, string> = {
  arrowsLabel: "Arrows between cards",
  arrowFromTo: "Arrow from “{from}” to “{to}”",
  menuArrowTo: "Arrow to…",
  menuArrowRemove: "Remove an arrow…",
  arrowTargetsLabel: "Arrow to which card?",
  arrowRemoveLabel: "Which arrow to remove?",
  arrowTarget: "→ {text}",
  arrowNoTargets: "No cards in the next column to point to.",
  arrowDrawn: "Arrow drawn to “{text}”.",
  arrowRemoved: "Arrow to “{text}” removed.",
  scoreMine: "Your score for {criterion}: {action}",
  scoreNone: "–",
  scoreSum: "Σ {sum} · {people} p.",
  scoreSumLabel: "Together {sum} points from {people} people",
  scoreTotal: "Total {total} · rank {rank}",
  scoreTotalLabel: "{action}: total {total} points from {people} people, rank {rank}",
  scoreSet: "Score {value} given for {criterion}.",
};
