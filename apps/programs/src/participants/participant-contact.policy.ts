import type { NotificationChannel } from '@diplomacy/contracts';
import type { FieldError } from '@diplomacy/service-kit';

export interface ParticipantContact {
  languages: readonly string[];
  preferredLanguage: string | null;
  notificationChannels: readonly NotificationChannel[];
  email: string | null;
  phone: string | null;
}

/**
 * A participant can be reached the way they asked to be: the preferred language
 * is one they speak, and each chosen channel has the address it needs. Checked
 * here so the client hears which field is wrong; the database checks it again.
 */
export class ParticipantContactPolicy {
  static check(contact: ParticipantContact): FieldError[] {
    const errors: FieldError[] = [];
    if (contact.preferredLanguage && !contact.languages.includes(contact.preferredLanguage)) {
      errors.push({ field: 'preferredLanguage', messages: ['preferredLanguage must be one of languages'] });
    }
    if (contact.notificationChannels.includes('email') && !contact.email) {
      errors.push({ field: 'email', messages: ['email is required for the email channel'] });
    }
    const phoneChannels = contact.notificationChannels.filter((c) => c === 'sms' || c === 'whatsapp');
    if (phoneChannels.length > 0 && !contact.phone) {
      errors.push({ field: 'phone', messages: [`phone is required for the ${phoneChannels.join(' and ')} channel`] });
    }
    return errors;
  }
}
