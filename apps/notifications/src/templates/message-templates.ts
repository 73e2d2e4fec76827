import type { SupportedLanguage } from './languages';

/** Every message the rules can ask for; `notification-rules.ts` says which event uses which. */
export const TEMPLATE_IDS = [
  'agenda-item.scheduled',
  'agenda-item.rescheduled',
  'agenda-item.confirmed',
  'agenda-item.cancelled',
  'agenda-item.attendee-added',
  'agenda-item.attendee-removed',
  'program.confirmed',
  'program.cancelled',
  'event.updated',
  'event.cancelled',
  'registration.confirmed',
  'registration.waitlisted',
  'registration.promoted',
  'registration.expired',
  'webhook.event',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** What a rule hands a template. Instants are ISO-8601; the renderer shows them in `timeZone`. */
export interface MessageVariables {
  programTitle?: string | null;
  /** The agenda item's or community event's title. */
  title?: string;
  /** Who the meeting is with (the resource). */
  withWhom?: string | null;
  startsAt?: string | null;
  previousStartsAt?: string | null;
  /** IANA zone of the venue. */
  timeZone?: string | null;
  previousTimeZone?: string | null;
  place?: string | null;
  previousPlace?: string | null;
  reason?: string | null;
  deadline?: string | null;
  position?: number | null;
  partySize?: number | null;
  startDate?: string | null;
}

export interface RenderedText {
  subject: string;
  /** One or two sentences; also the line a digest lists. */
  body: string;
}

/** Time rendering bound to the reader's language and the venue's zone. */
export interface TimeText {
  dayTime(iso: string | null | undefined, zone?: string | null): string;
  dateTime(iso: string | null | undefined, zone?: string | null): string;
  date(iso: string): string;
  /** Names the zone the times are in, or '' when the message shows no time. */
  zone(iso: string | null | undefined): string;
}

export type Phrase = (v: MessageVariables, t: TimeText) => RenderedText;

export interface LanguagePack {
  greeting(name: string): string;
  /** "Times are local to America/Chicago (CST)." */
  zoneNote(zone: string): string;
  digestSubject(count: number, programTitle: string | null): string;
  digestIntro(count: number): string;
  templates: Partial<Record<TemplateId, Phrase>>;
}

const s = (text: string | null | undefined) => text ?? '';
const at = (place: string | null | undefined, word: string) => (place ? ` ${word} ${place}` : '');

export const ENGLISH: LanguagePack & { templates: Record<TemplateId, Phrase> } = {
  greeting: (name) => `Hello ${name},`,
  zoneNote: (zone) => `Times are local to ${zone}.`,
  digestSubject: (count, program) => `${count} changes to ${program ?? 'your program'}`,
  digestIntro: (count) => `${count} changes in the last few minutes:`,
  templates: {
    'agenda-item.scheduled': (v, t) => ({
      subject: `New on your itinerary: ${v.title}`,
      body: `${v.title}${v.withWhom ? ` with ${v.withWhom}` : ''} on ${t.dateTime(v.startsAt)}${at(v.place, 'at')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.rescheduled': (v, t) => ({
      subject: `Changed: ${v.title}`,
      body: `${v.withWhom ? `Your meeting with ${v.withWhom}` : v.title} moved from ${t.dayTime(v.previousStartsAt, v.previousTimeZone)} to ${t.dayTime(v.startsAt)}${at(v.place, 'at')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.confirmed': (v, t) => ({
      subject: `Confirmed: ${v.title}`,
      body: `${v.title} on ${t.dateTime(v.startsAt)}${at(v.place, 'at')} is confirmed. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.cancelled': (v, t) => ({
      subject: `Cancelled: ${v.title}`,
      body: `${v.title} on ${t.dateTime(v.startsAt)} is cancelled.${v.reason ? ` Reason: ${v.reason}.` : ''} ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.attendee-added': (v, t) => ({
      subject: `You are expected: ${v.title}`,
      body: `You are now expected at ${v.title} on ${t.dateTime(v.startsAt)}${at(v.place, 'at')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.attendee-removed': (v, t) => ({
      subject: `No longer expected: ${v.title}`,
      body: `You are no longer expected at ${v.title} on ${t.dateTime(v.startsAt)}. ${t.zone(v.startsAt)}`,
    }),
    'program.confirmed': (v, t) => ({
      subject: `Program confirmed: ${v.programTitle}`,
      body: `${v.programTitle} is confirmed${v.startDate ? `; it starts on ${t.date(v.startDate)}` : ''}.`,
    }),
    'program.cancelled': (v) => ({
      subject: `Program cancelled: ${v.programTitle}`,
      body: `${v.programTitle} is cancelled.${v.reason ? ` Reason: ${v.reason}.` : ''}`,
    }),
    'event.updated': (v, t) => ({
      subject: `Updated: ${v.title}`,
      body: `${v.title} now takes place on ${t.dateTime(v.startsAt)}${at(v.place, 'at')}. ${t.zone(v.startsAt)}`,
    }),
    'event.cancelled': (v, t) => ({
      subject: `Cancelled: ${v.title}`,
      body: `${v.title} on ${t.dateTime(v.startsAt)} is cancelled.${v.reason ? ` Reason: ${v.reason}.` : ''} ${t.zone(v.startsAt)}`,
    }),
    'registration.confirmed': (v, t) => ({
      subject: `You are registered: ${v.title}`,
      body: `Your place for ${v.partySize} at ${v.title} on ${t.dateTime(v.startsAt)}${at(v.place, 'at')} is confirmed. ${t.zone(v.startsAt)}`,
    }),
    'registration.waitlisted': (v) => ({
      subject: `On the waitlist: ${v.title}`,
      body: `${v.title} is full. Your party of ${v.partySize} is number ${v.position} on the waitlist.`,
    }),
    'registration.promoted': (v, t) => ({
      subject: `A place came free: ${v.title}`,
      body: v.deadline
        ? `A place for ${v.partySize} at ${v.title} came free. Claim it before ${t.dateTime(v.deadline)}. ${t.zone(v.deadline)}`
        : `A place for ${v.partySize} at ${v.title} came free and is yours.`,
    }),
    'registration.expired': (v) => ({
      subject: `Offer expired: ${v.title}`,
      body: `The place offered to you at ${v.title} was not claimed in time and has gone to the next party.`,
    }),
    'webhook.event': (v) => ({ subject: s(v.title), body: s(v.title) }),
  },
};

const SPANISH: LanguagePack = {
  greeting: (name) => `Hola, ${name}:`,
  zoneNote: (zone) => `Horas locales de ${zone}.`,
  digestSubject: (count, program) => `${count} cambios en ${program ?? 'su programa'}`,
  digestIntro: (count) => `${count} cambios en los últimos minutos:`,
  templates: {
    'agenda-item.scheduled': (v, t) => ({
      subject: `Nuevo en su itinerario: ${v.title}`,
      body: `${v.title}${v.withWhom ? ` con ${v.withWhom}` : ''} el ${t.dateTime(v.startsAt)}${at(v.place, 'en')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.rescheduled': (v, t) => ({
      subject: `Cambio: ${v.title}`,
      body: `${v.withWhom ? `Su reunión con ${v.withWhom}` : v.title} pasó de ${t.dayTime(v.previousStartsAt, v.previousTimeZone)} a ${t.dayTime(v.startsAt)}${at(v.place, 'en')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.confirmed': (v, t) => ({
      subject: `Confirmado: ${v.title}`,
      body: `${v.title} el ${t.dateTime(v.startsAt)}${at(v.place, 'en')} está confirmado. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.cancelled': (v, t) => ({
      subject: `Cancelado: ${v.title}`,
      body: `${v.title} del ${t.dateTime(v.startsAt)} se ha cancelado.${v.reason ? ` Motivo: ${v.reason}.` : ''} ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.attendee-added': (v, t) => ({
      subject: `Le esperan: ${v.title}`,
      body: `Ahora le esperan en ${v.title} el ${t.dateTime(v.startsAt)}${at(v.place, 'en')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.attendee-removed': (v, t) => ({
      subject: `Ya no le esperan: ${v.title}`,
      body: `Ya no le esperan en ${v.title} el ${t.dateTime(v.startsAt)}. ${t.zone(v.startsAt)}`,
    }),
    'program.confirmed': (v, t) => ({
      subject: `Programa confirmado: ${v.programTitle}`,
      body: `${v.programTitle} está confirmado${v.startDate ? `; comienza el ${t.date(v.startDate)}` : ''}.`,
    }),
    'program.cancelled': (v) => ({
      subject: `Programa cancelado: ${v.programTitle}`,
      body: `${v.programTitle} se ha cancelado.${v.reason ? ` Motivo: ${v.reason}.` : ''}`,
    }),
    'event.updated': (v, t) => ({
      subject: `Actualizado: ${v.title}`,
      body: `${v.title} se celebra ahora el ${t.dateTime(v.startsAt)}${at(v.place, 'en')}. ${t.zone(v.startsAt)}`,
    }),
    'event.cancelled': (v, t) => ({
      subject: `Cancelado: ${v.title}`,
      body: `${v.title} del ${t.dateTime(v.startsAt)} se ha cancelado.${v.reason ? ` Motivo: ${v.reason}.` : ''} ${t.zone(v.startsAt)}`,
    }),
    'registration.confirmed': (v, t) => ({
      subject: `Inscripción confirmada: ${v.title}`,
      body: `Su plaza para ${v.partySize} en ${v.title} el ${t.dateTime(v.startsAt)}${at(v.place, 'en')} está confirmada. ${t.zone(v.startsAt)}`,
    }),
    'registration.waitlisted': (v) => ({
      subject: `En lista de espera: ${v.title}`,
      body: `${v.title} está completo. Su grupo de ${v.partySize} es el número ${v.position} en la lista de espera.`,
    }),
    'registration.promoted': (v, t) => ({
      subject: `Se liberó una plaza: ${v.title}`,
      body: v.deadline
        ? `Se liberó una plaza para ${v.partySize} en ${v.title}. Reclámela antes del ${t.dateTime(v.deadline)}. ${t.zone(v.deadline)}`
        : `Se liberó una plaza para ${v.partySize} en ${v.title} y es suya.`,
    }),
    'registration.expired': (v) => ({
      subject: `Oferta vencida: ${v.title}`,
      body: `La plaza que se le ofreció en ${v.title} no se reclamó a tiempo y pasó al siguiente grupo.`,
    }),
  },
};

const FRENCH: LanguagePack = {
  greeting: (name) => `Bonjour ${name},`,
  zoneNote: (zone) => `Heures locales : ${zone}.`,
  digestSubject: (count, program) => `${count} changements pour ${program ?? 'votre programme'}`,
  digestIntro: (count) => `${count} changements ces dernières minutes :`,
  templates: {
    'agenda-item.scheduled': (v, t) => ({
      subject: `Nouveau dans votre programme : ${v.title}`,
      body: `${v.title}${v.withWhom ? ` avec ${v.withWhom}` : ''} le ${t.dateTime(v.startsAt)}${at(v.place, 'à')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.rescheduled': (v, t) => ({
      subject: `Modifié : ${v.title}`,
      body: `${v.withWhom ? `Votre rendez-vous avec ${v.withWhom}` : v.title} est déplacé de ${t.dayTime(v.previousStartsAt, v.previousTimeZone)} à ${t.dayTime(v.startsAt)}${at(v.place, 'à')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.confirmed': (v, t) => ({
      subject: `Confirmé : ${v.title}`,
      body: `${v.title} le ${t.dateTime(v.startsAt)}${at(v.place, 'à')} est confirmé. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.cancelled': (v, t) => ({
      subject: `Annulé : ${v.title}`,
      body: `${v.title} du ${t.dateTime(v.startsAt)} est annulé.${v.reason ? ` Motif : ${v.reason}.` : ''} ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.attendee-added': (v, t) => ({
      subject: `Vous êtes attendu : ${v.title}`,
      body: `Vous êtes désormais attendu à ${v.title} le ${t.dateTime(v.startsAt)}${at(v.place, 'à')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.attendee-removed': (v, t) => ({
      subject: `Vous n'êtes plus attendu : ${v.title}`,
      body: `Vous n'êtes plus attendu à ${v.title} le ${t.dateTime(v.startsAt)}. ${t.zone(v.startsAt)}`,
    }),
    'program.confirmed': (v, t) => ({
      subject: `Programme confirmé : ${v.programTitle}`,
      body: `${v.programTitle} est confirmé${v.startDate ? ` ; il commence le ${t.date(v.startDate)}` : ''}.`,
    }),
    'program.cancelled': (v) => ({
      subject: `Programme annulé : ${v.programTitle}`,
      body: `${v.programTitle} est annulé.${v.reason ? ` Motif : ${v.reason}.` : ''}`,
    }),
    'event.updated': (v, t) => ({
      subject: `Mis à jour : ${v.title}`,
      body: `${v.title} a désormais lieu le ${t.dateTime(v.startsAt)}${at(v.place, 'à')}. ${t.zone(v.startsAt)}`,
    }),
    'event.cancelled': (v, t) => ({
      subject: `Annulé : ${v.title}`,
      body: `${v.title} du ${t.dateTime(v.startsAt)} est annulé.${v.reason ? ` Motif : ${v.reason}.` : ''} ${t.zone(v.startsAt)}`,
    }),
    'registration.confirmed': (v, t) => ({
      subject: `Inscription confirmée : ${v.title}`,
      body: `Votre place pour ${v.partySize} à ${v.title} le ${t.dateTime(v.startsAt)}${at(v.place, 'à')} est confirmée. ${t.zone(v.startsAt)}`,
    }),
    'registration.waitlisted': (v) => ({
      subject: `Liste d'attente : ${v.title}`,
      body: `${v.title} est complet. Votre groupe de ${v.partySize} est numéro ${v.position} sur la liste d'attente.`,
    }),
    'registration.promoted': (v, t) => ({
      subject: `Une place s'est libérée : ${v.title}`,
      body: v.deadline
        ? `Une place pour ${v.partySize} à ${v.title} s'est libérée. Réservez-la avant le ${t.dateTime(v.deadline)}. ${t.zone(v.deadline)}`
        : `Une place pour ${v.partySize} à ${v.title} s'est libérée et vous est attribuée.`,
    }),
    'registration.expired': (v) => ({
      subject: `Offre expirée : ${v.title}`,
      body: `La place qui vous était proposée à ${v.title} n'a pas été réservée à temps et est passée au groupe suivant.`,
    }),
  },
};

const ARABIC: LanguagePack = {
  greeting: (name) => `مرحباً ${name}،`,
  zoneNote: (zone) => `الأوقات بالتوقيت المحلي لـ ${zone}.`,
  digestSubject: (count, program) => `${count} تغييرات في ${program ?? 'برنامجك'}`,
  digestIntro: (count) => `${count} تغييرات في الدقائق الأخيرة:`,
  templates: {
    'agenda-item.scheduled': (v, t) => ({
      subject: `جديد في برنامجك: ${v.title}`,
      body: `${v.title}${v.withWhom ? ` مع ${v.withWhom}` : ''} يوم ${t.dateTime(v.startsAt)}${at(v.place, 'في')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.rescheduled': (v, t) => ({
      subject: `تغيير: ${v.title}`,
      body: `${v.withWhom ? `اجتماعك مع ${v.withWhom}` : v.title} انتقل من ${t.dayTime(v.previousStartsAt, v.previousTimeZone)} إلى ${t.dayTime(v.startsAt)}${at(v.place, 'في')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.confirmed': (v, t) => ({
      subject: `تم التأكيد: ${v.title}`,
      body: `تم تأكيد ${v.title} يوم ${t.dateTime(v.startsAt)}${at(v.place, 'في')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.cancelled': (v, t) => ({
      subject: `أُلغي: ${v.title}`,
      body: `أُلغي ${v.title} المقرر يوم ${t.dateTime(v.startsAt)}.${v.reason ? ` السبب: ${v.reason}.` : ''} ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.attendee-added': (v, t) => ({
      subject: `أنت مدعو: ${v.title}`,
      body: `أنت الآن مدعو إلى ${v.title} يوم ${t.dateTime(v.startsAt)}${at(v.place, 'في')}. ${t.zone(v.startsAt)}`,
    }),
    'agenda-item.attendee-removed': (v, t) => ({
      subject: `لم تعد مدعواً: ${v.title}`,
      body: `لم تعد مدعواً إلى ${v.title} يوم ${t.dateTime(v.startsAt)}. ${t.zone(v.startsAt)}`,
    }),
    'program.confirmed': (v, t) => ({
      subject: `تم تأكيد البرنامج: ${v.programTitle}`,
      body: `تم تأكيد ${v.programTitle}${v.startDate ? `، ويبدأ يوم ${t.date(v.startDate)}` : ''}.`,
    }),
    'program.cancelled': (v) => ({
      subject: `أُلغي البرنامج: ${v.programTitle}`,
      body: `أُلغي ${v.programTitle}.${v.reason ? ` السبب: ${v.reason}.` : ''}`,
    }),
    'event.updated': (v, t) => ({
      subject: `تحديث: ${v.title}`,
      body: `يُقام ${v.title} الآن يوم ${t.dateTime(v.startsAt)}${at(v.place, 'في')}. ${t.zone(v.startsAt)}`,
    }),
    'event.cancelled': (v, t) => ({
      subject: `أُلغي: ${v.title}`,
      body: `أُلغي ${v.title} المقرر يوم ${t.dateTime(v.startsAt)}.${v.reason ? ` السبب: ${v.reason}.` : ''} ${t.zone(v.startsAt)}`,
    }),
    'registration.confirmed': (v, t) => ({
      subject: `تم تأكيد تسجيلك: ${v.title}`,
      body: `تم تأكيد مكانك لـ ${v.partySize} في ${v.title} يوم ${t.dateTime(v.startsAt)}${at(v.place, 'في')}. ${t.zone(v.startsAt)}`,
    }),
    'registration.waitlisted': (v) => ({
      subject: `على قائمة الانتظار: ${v.title}`,
      body: `${v.title} مكتمل. مجموعتك المكونة من ${v.partySize} رقم ${v.position} على قائمة الانتظار.`,
    }),
    'registration.promoted': (v, t) => ({
      subject: `توفر مكان: ${v.title}`,
      body: v.deadline
        ? `توفر مكان لـ ${v.partySize} في ${v.title}. احجزه قبل ${t.dateTime(v.deadline)}. ${t.zone(v.deadline)}`
        : `توفر مكان لـ ${v.partySize} في ${v.title} وهو لك.`,
    }),
    'registration.expired': (v) => ({
      subject: `انتهى العرض: ${v.title}`,
      body: `لم يتم حجز المكان المعروض عليك في ${v.title} في الوقت المحدد وانتقل إلى المجموعة التالية.`,
    }),
  },
};

export const LANGUAGE_PACKS: Record<SupportedLanguage, LanguagePack> = { en: ENGLISH, es: SPANISH, fr: FRENCH, ar: ARABIC };
