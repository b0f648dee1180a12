/** What the Ollama stand-in writes as the model's text, per misbehaviour; derived only from the request. */
export type StandInMode =
  | 'good'
  | 'invalid-json'
  | 'unknown-ids'
  | 'wrong-language'
  | 'links'
  | 'duplicates'
  | 'hang'
  | 'error-500'
  | 'error-404'
  | 'error-midstream'
  /** Valid answers whose intro and every line add a figure and a person and institution found nowhere in the items. */
  | 'invent';

/** What 'invent' adds to the intro and each line: a figure, a person and an institution the data never names. */
export const INVENTED = {
  figure: '87%',
  person: 'Helena Vukovic',
  institution: 'Oxford',
  en: ', with 87% accuracy, says Dr. Helena Vukovic of Oxford.',
  es: ', con un 87% de precisión, según la doctora Helena Vukovic de Oxford.',
} as const;

export type StandInOrder = 'as-offered' | 'reverse';

interface OfferedData {
  language: 'en' | 'es';
  items: Array<{ id: number; needs_summary: boolean }>;
  /** New team members the prompt offered (they each get a welcome line). */
  people: Array<{ id: number; name: string }>;
}

// Honest lines: they name no figure or name the items do not carry, so the grounding check passes them.
const TEXT = {
  en: {
    intro: (n: number) => `Welcome to this month's digest. We picked ${n} items for you from the work of the lab.`,
    why: (_id: number) => 'This work is relevant to the topics that you follow and to the work of your group.',
    summary: (_id: number) => 'A short summary of this work in English for the readers of this digest.',
    welcome: (name: string) => `We are glad to welcome ${name} to the team this month.`,
  },
  es: {
    intro: (n: number) => `Bienvenido al boletín de este mes. Hemos elegido ${n} novedades para ti entre el trabajo del laboratorio.`,
    why: (_id: number) => 'Este trabajo es relevante para los temas que sigues y para el trabajo de tu grupo.',
    summary: (_id: number) => 'Un resumen breve de este trabajo en español para los lectores de este boletín.',
    welcome: (name: string) => `Este mes damos la bienvenida a ${name} a nuestro equipo.`,
  },
};

/** The candidates a tailoring prompt offered: the JSON inside its ```json fence (null for other prompts). */
export function offeredData(prompt: string): OfferedData | null {
  const block = /```json\n([\s\S]*?)\n```/.exec(prompt);
  if (!block) return null;
  try {
    const data = JSON.parse(block[1]!) as {
      language?: unknown;
      items?: Array<{ id?: unknown; needs_summary?: unknown }>;
      team_members?: Array<{ id?: unknown; name?: unknown }>;
    };
    const items = (data.items ?? []).filter((i) => typeof i.id === 'number').map((i) => ({ id: i.id as number, needs_summary: i.needs_summary !== false }));
    const people = (data.team_members ?? []).filter((p) => typeof p.id === 'number').map((p) => ({ id: p.id as number, name: String(p.name ?? '') }));
    return { language: data.language === 'es' ? 'es' : 'en', items, people };
  } catch {
    return null;
  }
}

function tailoring(data: OfferedData, language: 'en' | 'es', order: StandInOrder) {
  const chosen = data.items.slice(0, 12);
  if (order === 'reverse') chosen.reverse();
  const t = TEXT[language];
  return {
    intro: t.intro(chosen.length),
    items: chosen.map((i) => ({ id: i.id, ...(i.needs_summary ? { summary: t.summary(i.id) } : {}), why: t.why(i.id) })),
    ...(data.people.length ? { welcome: data.people.map((p) => ({ id: p.id, line: t.welcome(p.name) })) } : {}),
  };
}

/** The model's whole answer text for a prompt in a mode that answers at all. */
export function answerText(mode: StandInMode, prompt: string, order: StandInOrder = 'as-offered'): string {
  const data = offeredData(prompt);
  if (mode === 'invalid-json') return '{"intro": "Here is your digest", "items": [{"id": ';
  if (!data) return 'The sky is blue because the air scatters blue light more than red light.';
  const other = data.language === 'en' ? 'es' : 'en';
  const answer = tailoring(data, mode === 'wrong-language' ? other : data.language, order);
  if (mode === 'unknown-ids') answer.items = answer.items.map((item) => ({ ...item, id: item.id + 100_000 }));
  if (mode === 'duplicates' && answer.items[0]) answer.items.push({ ...answer.items[0] });
  if (mode === 'invent') {
    const add = (text: string) => `${text.replace(/\.$/, '')}${INVENTED[data.language]}`;
    answer.intro = add(answer.intro);
    answer.items = answer.items.map((item) => ({ ...item, why: add(item.why) }));
    if (answer.welcome) answer.welcome = answer.welcome.map((w) => ({ ...w, line: add(w.line) }));
  }
  if (mode === 'links' && answer.items[0]) {
    answer.items[0].why = `Read the paper at https://example.org/paper or <a href="https://evil.example">here</a>.`;
  }
  return JSON.stringify(answer);
}
