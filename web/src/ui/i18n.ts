// All UI strings, Dutch first (users write in Dutch) with English beside it. Template labels come
// from the template JSON instead (see `loc`). The `en` table is typed against `nl`, so a missing
// key fails the type check; test/ui/i18n.test.ts checks it at run time too.
export type Lang = "nl" | "en";

export const nl = {
  appName: "Samenbord",
  tagline: "Samen werken aan welzijn op het werk",
  langSwitch: "English",
  langSwitchLabel: "Switch to English",
  skipToMain: "Naar de inhoud",
  homeTitle: "Nieuwe workshop",
  homeIntro: "Maak een workshop aan, kies de borden en deel de links met je groep. Geen account nodig.",
  workshopTitle: "Titel van de workshop",
  templatesLegend: "Borden",
  templatesHelp: "Kies één of meer sjablonen.",
  createWorkshop: "Workshop aanmaken",
  creating: "Bezig met aanmaken…",
  needTitle: "Geef de workshop een titel.",
  needTemplate: "Kies minstens één bord.",
  linksTitle: "Je workshop is klaar",
  linksIntro: "Deel de juiste link met elke groep. Wie de link heeft, kan het bord openen.",
  linkFacilitator: "Link voor begeleiders",
  linkParticipant: "Link voor deelnemers",
  linkObserver: "Link voor toeschouwers (alleen lezen)",
  copy: "Kopiëren",
  copyLink: "{label} kopiëren",
  copied: "Gekopieerd",
  copyFailed: "Kopiëren lukte niet: de link is geselecteerd, kopieer hem met Ctrl+C.",
  openFacilitator: "Open het bord als begeleider",
  loading: "Laden…",
  templatesFailed: "De sjablonen konden niet geladen worden.",
  errNetwork: "De server is niet bereikbaar. Controleer je verbinding en probeer opnieuw.",
  errUnauthorized: "Deze link is ongeldig of niet meer geldig. Vraag de begeleider om een nieuwe link.",
  errForbidden: "Deze link geeft geen toegang tot deze workshop.",
  errNotFound: "Deze workshop bestaat niet (meer).",
  errApiKey: "Deze server vraagt een sleutel om workshops aan te maken.",
  errGeneric: "Er ging iets mis: {message}",
  errNoToken: "Deze link is onvolledig: het toegangsdeel na # ontbreekt.",
  joinTitle: "Deelnemen aan {title}",
  joinRole: "Je neemt deel als {role}.",
  displayName: "Je naam",
  displayNameHelp: "Zo zien anderen wie er meewerkt.",
  needName: "Vul je naam in.",
  joinBoard: "Naar het bord",
  backHome: "Naar de startpagina",
  role_facilitator: "begeleider",
  role_participant: "deelnemer",
  role_observer: "toeschouwer",
  roleBadge: "Rol: {role}",
  readOnlyNotice: "Je bekijkt dit bord als toeschouwer: je kunt lezen, niet wijzigen.",
  boardsNav: "Borden van deze workshop",
  toolbar: "Werkbalk van het bord",
  status_connecting: "Verbinden…",
  status_connected: "Verbonden",
  status_saving: "Opslaan…",
  status_offline: "Offline",
  statusLabel: "Verbinding",
  wentOffline: "De verbinding is weg. Je wijzigingen worden bewaard en later verstuurd.",
  backOnline: "Weer verbonden.",
  zoomIn: "Inzoomen",
  zoomOut: "Uitzoomen",
  zoomReset: "Passend maken",
  colorsLabel: "Kleur van de geselecteerde notities",
  color_yellow: "Geel",
  color_green: "Groen",
  color_blue: "Blauw",
  color_pink: "Roze",
  color_orange: "Oranje",
  deleteNote: "Verwijderen",
  deleteNoteLabel: "Geselecteerde notities verwijderen",
  undo: "Ongedaan maken",
  redo: "Opnieuw",
  peersLabel: "Wie is hier",
  you: "(jij)",
  boardLabel: "Bord: {title}",
  notesLabel: "Notities",
  note: "Notitie: {text}",
  keyword: "Trefwoord: {text}",
  emptyNote: "(leeg)",
  noteHelp: "Enter om te bewerken, pijltjes om te verplaatsen, spatie om te selecteren, Delete om te verwijderen.",
  zoneHelp: "Druk op N of Enter om hier een notitie toe te voegen.",
  editorLabel: "Tekst van de notitie",
  layerOf: "{label} van de notitie",
  legend: "Legende",
  countNotes: "{n} notities",
  countOne: "1 notitie",
  countLimit: "{n} van max. {max}",
  countRange: "{n} ({min} tot {max})",
  needMore: "Nog {k} {unit} nodig ({min} tot {max})",
  needMoreMin: "Nog {k} {unit} nodig (minstens {min})",
  tooMany: "Te veel: hoogstens {max} {unit}",
  unitDefault: "notities",
  empty: "leeg",
  cellFull: "Dit vak heeft al een notitie. Kies een leeg vak of pas de bestaande notitie aan.",
  readOnly: "Alleen lezen: je kunt dit bord niet wijzigen.",
  noteCreated: "Notitie toegevoegd in {zone}.",
  noteCreatedFree: "Notitie toegevoegd.",
  notesDeleted: "{n} notitie(s) verwijderd.",
  errServer: "De server weigerde een wijziging: {message}",
  unknownTemplate: "Onbekend sjabloon: {id}",
  compass: "Windroos",
  outside: "buiten de vakken",
  // Action fiches
  convertFiches: "Omzetten naar actiefiches",
  convertRowsHelp: "Elke ingevulde rij van dit bord wordt een actiefiche.",
  convertSelectedHelp: "Elke geselecteerde notitie wordt een actiefiche.",
  convertSelectFirst: "Selecteer eerst de notities die actiefiches moeten worden.",
  converting: "Bezig met omzetten…",
  convertDone: "{n} fiches ({m} nieuw)",
  convertDoneOne: "1 fiche ({m} nieuw)",
  convertNothing: "Er viel niets om te zetten: vul eerst minstens één rij in.",
  convertFailed: "Omzetten lukte niet. {message}",
  openActionPlan: "Naar het actieplan",
  actionPlan: "Actieplan",
  actionPlanIntro: "Alle actiefiches van deze workshop, met hun status en SMART-toets.",
  planEmpty: "Nog geen actiefiches. Zet een bord om met de knop ‘Omzetten naar actiefiches’.",
  planCaption: "Actiefiches",
  planCount: "{n} actiefiches",
  planCountOne: "1 actiefiche",
  colTitle: "Titel",
  colStatus: "Status",
  colSmart: "SMART-toets",
  colOpen: "Bekijken",
  untitled: "(zonder titel)",
  open: "Openen",
  refresh: "Vernieuwen",
  smartStateMet: "in orde",
  smartStateMissing: "ontbreekt nog",
  exportLabel: "Het hele actieplan exporteren",
  exportAs: "Exporteren als {format}",
  exportProgress: "Voortgang van de export",
  exporting: "Bezig met exporteren ({format})…",
  exportDone: "Export klaar: {name}",
  exportFailed: "Exporteren lukte niet. {message}",
  ficheSpecFailed: "De opbouw van de actiefiche kon niet geladen worden.",
  backToPlan: "Terug naar het actieplan",
  ficheTitle: "Actiefiche",
  ficheLabel: "Actiefiche: {title}",
  ficheToolbar: "Werkbalk van de actiefiche",
  ficheHeader: "Actie",
  ficheStatus: "Status",
  ficheSource: "Bron: {source}",
  smartTitle: "SMART-toets",
  smartAllMet: "Alle SMART-criteria zijn in orde.",
  smartTodo: "Nog aan te vullen:",
  stepDate: "Datum van stap {n}",
  stepText: "Stap {n}",
  removeStep: "Stap {n} verwijderen",
  addStep: "Stap toevoegen",
  noSteps: "Nog geen stappen.",
  stepAdded: "Stap toegevoegd.",
  stepRemoved: "Stap verwijderd.",
  optional: "(optioneel)",
  balanceEntry: "{quadrant}: punt {n}",
  addBalance: "Punt toevoegen",
  addBalanceTo: "Punt toevoegen aan {quadrant}",
  removeBalance: "Punt {n} verwijderen uit {quadrant}",
  noBalance: "Nog niets.",
  remove: "Verwijderen",
  editingBy: "{names} bewerkt dit",
  // board control
  controlTitle: "Begeleiden",
  controlLabel: "Bord besturen (begeleider)",
  controlLock: "Bord vergrendelen",
  controlPrivateStart: "Privé schrijven",
  controlReveal: "Onthullen",
  controlVoteStart: "Stemronde starten",
  controlVoteClose: "Stemronde sluiten",
  voteDotsLabel: "Stippen per persoon",
  voteZoneLabel: "Stemmen in",
  voteWholeBoard: "Het hele bord",
  voteDotsInvalid: "Kies een aantal stippen van 1 tot {max}.",
  controlForbidden: "Alleen een begeleider kan dit doen.",
  controlRefused: "De server weigerde dit: {message}",
  controlOffline: "Geen verbinding: probeer opnieuw zodra je weer verbonden bent.",
  controlFailed: "Dat lukte niet: {message}",
  controlUnavailable: "Deze versie kan het bord niet besturen. Herlaad de pagina.",
  lockedBanner: "De begeleider heeft het bord vergrendeld: je kunt nu niets wijzigen.",
  lockedBannerFacilitator: "Je hebt het bord vergrendeld: deelnemers kunnen nu niets wijzigen.",
  lockedReadOnly: "Het bord is vergrendeld: je kunt nu niets wijzigen.",
  privateBanner: "Privé schrijven: alleen jij ziet je notities, tot de begeleider ze onthult.",
  privateBannerFacilitator: "Privé schrijven staat aan: iedereen ziet alleen de eigen notities, tot je ze onthult.",
  notesRevealed: "De notities van iedereen zijn nu zichtbaar.",
  notePrivate: "Alleen jij ziet deze notitie",
  voteBannerBoard: "Stemronde: zet je stippen op de notities die jij het belangrijkst vindt.",
  voteBannerZone: "Stemronde: zet je stippen op de notities in “{zone}”.",
  voteBannerObserver: "Toeschouwers stemmen niet mee.",
  dotsLeft: "Nog {n} van {max} stippen over",
  noDotsLeft: "Je stippen zijn op. Haal er eerst een weg om ergens anders te stemmen.",
  noteMyDots: "Jouw stippen: {n}",
  noteVotes: "Stemmen: {n}",
  voteOnNote: "Stippen op {text}: {n}",
  voteAdd: "Stip zetten op: {text}",
  voteRemove: "Stip weghalen van: {text}",
  voteResultsTitle: "Uitslag van de stemronde",
  voteSortByVotes: "Sorteren op stemmen",
  voteNoNotes: "Er zijn geen notities om op te stemmen.",
  dotOne: "stip",
  dotMany: "stippen",
} as const;

export type Key = keyof typeof nl;

export const en: Record<Key, string> = {
  appName: "Samenbord",
  tagline: "Working together on wellbeing at work",
  langSwitch: "Nederlands",
  langSwitchLabel: "Schakel over naar Nederlands",
  skipToMain: "Skip to content",
  homeTitle: "New workshop",
  homeIntro: "Create a workshop, choose its boards and share the links with your group. No account needed.",
  workshopTitle: "Workshop title",
  templatesLegend: "Boards",
  templatesHelp: "Choose one or more templates.",
  createWorkshop: "Create workshop",
  creating: "Creating…",
  needTitle: "Give the workshop a title.",
  needTemplate: "Choose at least one board.",
  linksTitle: "Your workshop is ready",
  linksIntro: "Share the right link with each group. Anyone with a link can open the board.",
  linkFacilitator: "Link for facilitators",
  linkParticipant: "Link for participants",
  linkObserver: "Link for observers (read only)",
  copy: "Copy",
  copyLink: "Copy {label}",
  copied: "Copied",
  copyFailed: "Copying failed: the link is selected, copy it with Ctrl+C.",
  openFacilitator: "Open the board as facilitator",
  loading: "Loading…",
  templatesFailed: "The templates could not be loaded.",
  errNetwork: "The server cannot be reached. Check your connection and try again.",
  errUnauthorized: "This link is invalid or no longer valid. Ask the facilitator for a new link.",
  errForbidden: "This link gives no access to this workshop.",
  errNotFound: "This workshop does not exist (any more).",
  errApiKey: "This server asks for a key to create workshops.",
  errGeneric: "Something went wrong: {message}",
  errNoToken: "This link is incomplete: the access part after # is missing.",
  joinTitle: "Join {title}",
  joinRole: "You join as {role}.",
  displayName: "Your name",
  displayNameHelp: "So others can see who is taking part.",
  needName: "Enter your name.",
  joinBoard: "Go to the board",
  backHome: "To the home page",
  role_facilitator: "facilitator",
  role_participant: "participant",
  role_observer: "observer",
  roleBadge: "Role: {role}",
  readOnlyNotice: "You are viewing this board as an observer: you can read, not change.",
  boardsNav: "Boards of this workshop",
  toolbar: "Board toolbar",
  status_connecting: "Connecting…",
  status_connected: "Connected",
  status_saving: "Saving…",
  status_offline: "Offline",
  statusLabel: "Connection",
  wentOffline: "The connection is lost. Your changes are kept and sent later.",
  backOnline: "Connected again.",
  zoomIn: "Zoom in",
  zoomOut: "Zoom out",
  zoomReset: "Fit to screen",
  colorsLabel: "Colour of the selected notes",
  color_yellow: "Yellow",
  color_green: "Green",
  color_blue: "Blue",
  color_pink: "Pink",
  color_orange: "Orange",
  deleteNote: "Delete",
  deleteNoteLabel: "Delete the selected notes",
  undo: "Undo",
  redo: "Redo",
  peersLabel: "Who is here",
  you: "(you)",
  boardLabel: "Board: {title}",
  notesLabel: "Notes",
  note: "Note: {text}",
  keyword: "Keyword: {text}",
  emptyNote: "(empty)",
  noteHelp: "Enter to edit, arrow keys to move, space to select, Delete to remove.",
  zoneHelp: "Press N or Enter to add a note here.",
  editorLabel: "Text of the note",
  layerOf: "{label} of the note",
  legend: "Legend",
  countNotes: "{n} notes",
  countOne: "1 note",
  countLimit: "{n} of at most {max}",
  countRange: "{n} ({min} to {max})",
  needMore: "{k} more {unit} needed ({min} to {max})",
  needMoreMin: "{k} more {unit} needed (at least {min})",
  tooMany: "Too many: at most {max} {unit}",
  unitDefault: "notes",
  empty: "empty",
  cellFull: "This cell already has a note. Choose an empty cell or edit the existing note.",
  readOnly: "Read only: you cannot change this board.",
  noteCreated: "Note added in {zone}.",
  noteCreatedFree: "Note added.",
  notesDeleted: "{n} note(s) deleted.",
  errServer: "The server refused a change: {message}",
  unknownTemplate: "Unknown template: {id}",
  compass: "Wind rose",
  outside: "outside the zones",
  convertFiches: "Convert to action fiches",
  convertRowsHelp: "Every filled row of this board becomes an action fiche.",
  convertSelectedHelp: "Every selected note becomes an action fiche.",
  convertSelectFirst: "First select the notes that should become action fiches.",
  converting: "Converting…",
  convertDone: "{n} fiches ({m} new)",
  convertDoneOne: "1 fiche ({m} new)",
  convertNothing: "There was nothing to convert: fill in at least one row first.",
  convertFailed: "Converting failed. {message}",
  openActionPlan: "Go to the action plan",
  actionPlan: "Action plan",
  actionPlanIntro: "All action fiches of this workshop, with their status and SMART check.",
  planEmpty: "No action fiches yet. Convert a board with the ‘Convert to action fiches’ button.",
  planCaption: "Action fiches",
  planCount: "{n} action fiches",
  planCountOne: "1 action fiche",
  colTitle: "Title",
  colStatus: "Status",
  colSmart: "SMART check",
  colOpen: "View",
  untitled: "(untitled)",
  open: "Open",
  refresh: "Refresh",
  smartStateMet: "met",
  smartStateMissing: "still missing",
  exportLabel: "Export the whole action plan",
  exportAs: "Export as {format}",
  exportProgress: "Export progress",
  exporting: "Exporting ({format})…",
  exportDone: "Export ready: {name}",
  exportFailed: "Export failed. {message}",
  ficheSpecFailed: "The structure of the action fiche could not be loaded.",
  backToPlan: "Back to the action plan",
  ficheTitle: "Action fiche",
  ficheLabel: "Action fiche: {title}",
  ficheToolbar: "Action fiche toolbar",
  ficheHeader: "Action",
  ficheStatus: "Status",
  ficheSource: "Source: {source}",
  smartTitle: "SMART check",
  smartAllMet: "All SMART criteria are met.",
  smartTodo: "Still to fill in:",
  stepDate: "Date of step {n}",
  stepText: "Step {n}",
  removeStep: "Remove step {n}",
  addStep: "Add step",
  noSteps: "No steps yet.",
  stepAdded: "Step added.",
  stepRemoved: "Step removed.",
  optional: "(optional)",
  balanceEntry: "{quadrant}: point {n}",
  addBalance: "Add point",
  addBalanceTo: "Add a point to {quadrant}",
  removeBalance: "Remove point {n} from {quadrant}",
  noBalance: "Nothing yet.",
  remove: "Remove",
  editingBy: "{names} is editing this",
  // board control
  controlTitle: "Facilitate",
  controlLabel: "Board controls (facilitator)",
  controlLock: "Lock board",
  controlPrivateStart: "Private writing",
  controlReveal: "Reveal",
  controlVoteStart: "Start dot vote",
  controlVoteClose: "Close dot vote",
  voteDotsLabel: "Dots per person",
  voteZoneLabel: "Vote in",
  voteWholeBoard: "The whole board",
  voteDotsInvalid: "Choose a number of dots from 1 to {max}.",
  controlForbidden: "Only a facilitator can do this.",
  controlRefused: "The server refused this: {message}",
  controlOffline: "Not connected: try again once you are back online.",
  controlFailed: "That did not work: {message}",
  controlUnavailable: "This version cannot control the board. Reload the page.",
  lockedBanner: "The facilitator locked the board: you cannot change anything now.",
  lockedBannerFacilitator: "You locked the board: participants cannot change anything now.",
  lockedReadOnly: "The board is locked: you cannot change anything now.",
  privateBanner: "Private writing: only you see your notes until the facilitator reveals them.",
  privateBannerFacilitator: "Private writing is on: everyone sees only their own notes until you reveal them.",
  notesRevealed: "Everyone's notes are visible now.",
  notePrivate: "Only you see this note",
  voteBannerBoard: "Dot vote: put your dots on the notes you find most important.",
  voteBannerZone: "Dot vote: put your dots on the notes in “{zone}”.",
  voteBannerObserver: "Observers do not vote.",
  dotsLeft: "{n} of {max} dots left",
  noDotsLeft: "Your dots are used up. Take one off first to vote elsewhere.",
  noteMyDots: "Your dots: {n}",
  noteVotes: "Votes: {n}",
  voteOnNote: "Dots on {text}: {n}",
  voteAdd: "Add a dot to: {text}",
  voteRemove: "Take a dot off: {text}",
  voteResultsTitle: "Dot vote results",
  voteSortByVotes: "Sort by votes",
  voteNoNotes: "There are no notes to vote on.",
  dotOne: "dot",
  dotMany: "dots",
};

export const tables: Record<Lang, Record<Key, string>> = { nl, en };

const STORAGE_KEY = "samenbord.lang";
let current: Lang = readStoredLang();
const listeners = new Set<(lang: Lang) => void>();

function readStoredLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === "en" ? "en" : "nl";
  } catch {
    return "nl"; // storage may be blocked (private mode); Dutch is the default
  }
}

/** Replaces `{name}` placeholders; unknown ones stay visible so a mistake shows. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export function t(key: Key, vars?: Record<string, string | number>, lang: Lang = current): string {
  return format(tables[lang][key], vars);
}

/** A bilingual text from a template document. */
export interface Text {
  nl: string;
  en: string;
}

export function loc(text: Text | undefined, lang: Lang = current): string {
  return text ? text[lang] ?? text.nl : "";
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered across reloads, still switched now
  }
  if (typeof document !== "undefined") document.documentElement.lang = lang;
  for (const l of [...listeners]) l(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

interface Binding {
  el: Element;
  apply: (el: Element) => void;
}

const bindings = new Set<Binding>();
const seenConnected = new WeakSet<Element>();

/**
 * Binds an element's texts to the language: `apply` runs now and after every switch, so views need
 * no re-render to change language. A binding is dropped once its element has left the document.
 */
export function bind<E extends Element>(el: E, apply: (el: E) => void): E {
  apply(el);
  bindings.add({ el, apply: apply as (el: Element) => void });
  return el;
}

onLangChange(() => {
  for (const b of [...bindings]) {
    if (b.el.isConnected) {
      seenConnected.add(b.el);
      b.apply(b.el);
    } else if (seenConnected.has(b.el)) {
      bindings.delete(b);
    } else {
      b.apply(b.el); // not yet inserted: keep it current anyway
    }
  }
});
