import { SendEmailPayload } from '@app/queue';
import { MailTemplate } from './mail-template.enum';

/** A language mail is written in: the platform's three. */
export type MailLanguage = SendEmailPayload['language'];

export const MAIL_LANGUAGES: readonly MailLanguage[] = ['en', 'fr', 'es'];

/**
 * One template in one language. Strings are plain text with placeholders:
 * - `{name}` is the param `name` (HTML-escaped in the HTML part; `{country}` shows the country's
 *   name in the mail's language when the param is an ISO 3166-1 alpha-2 code);
 * - `{name|one form|other form}` picks a form by the plural rules of the language for the numeric
 *   param `name`, and `#` in the form stands for its value: `{days|# day|# days}`.
 * The link of a mail is never written in the text: it is always the `link` param, shown after
 * `action` (the label of the button).
 */
export interface MailTemplateText {
  subject: string;
  greeting: string;
  /** Paragraphs before the button. */
  body: readonly string[];
  /** Label of the button to `link`; present exactly when the template takes a `link` param. */
  action?: string;
  /** Paragraphs after the button. */
  after?: readonly string[];
}

/** Words shared by every template of a language. */
export interface MailCommonText {
  /** Heading of the HTML part and product name. */
  brand: string;
  /** Shown under the button, before the bare link, for clients that block buttons. */
  linkFallback: string;
  /** Text part: what separates the button label from the link ("Label: https://…"). */
  colon: string;
  footer: string;
}

/** Params each template needs; `link` must be an absolute http(s) URL. */
export const MAIL_TEMPLATE_PARAMS: Record<MailTemplate, readonly string[]> = {
  [MailTemplate.VerifyEmail]: ['displayName', 'link'],
  [MailTemplate.PasswordReset]: ['displayName', 'link'],
  [MailTemplate.RegistrationApproved]: ['displayName', 'link'],
  [MailTemplate.RegistrationRejected]: ['displayName', 'reason'],
  [MailTemplate.PendingRegistrationsReminder]: ['displayName', 'country', 'count', 'link'],
  [MailTemplate.PendingRegistrationsEscalation]: ['displayName', 'country', 'count', 'days', 'link'],
  [MailTemplate.GroupMention]: ['displayName', 'authorName', 'groupName', 'threadTitle', 'link'],
  [MailTemplate.GroupDigest]: ['displayName', 'count', 'summary', 'link'],
  [MailTemplate.RegistrationAttempt]: ['displayName', 'link'],
  [MailTemplate.AccountCreated]: ['displayName', 'country', 'link'],
  [MailTemplate.Notification]: ['displayName', 'title', 'text', 'link'],
  [MailTemplate.NotificationDigest]: ['displayName', 'count', 'summary', 'link'],
};

export const MAIL_COMMON_TEXT: Record<MailLanguage, MailCommonText> = {
  en: {
    brand: 'Clearance',
    linkFallback: 'If the button does not work, copy this address into your browser:',
    colon: ':',
    footer:
      'This message was sent automatically by Clearance, the learning platform of the customs community. ' +
      'Please do not reply to it.',
  },
  fr: {
    brand: 'Clearance',
    linkFallback: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur\u00a0:',
    colon: '\u00a0:',
    footer:
      'Ce message a été envoyé automatiquement par Clearance, la plateforme d’apprentissage de la communauté ' +
      'douanière. Merci de ne pas y répondre.',
  },
  es: {
    brand: 'Clearance',
    linkFallback: 'Si el botón no funciona, copie esta dirección en su navegador:',
    colon: ':',
    footer:
      'Este mensaje ha sido enviado automáticamente por Clearance, la plataforma de aprendizaje de la comunidad ' +
      'aduanera. Por favor, no responda a este mensaje.',
  },
};

export const MAIL_TEMPLATES: Record<MailTemplate, Record<MailLanguage, MailTemplateText>> = {
  [MailTemplate.VerifyEmail]: {
    en: {
      subject: 'Confirm your email address for Clearance',
      greeting: 'Hello {displayName},',
      body: [
        'Thank you for registering with Clearance, the learning platform of the customs community. ' +
          'Please confirm your email address by following the link below.',
        'Your national coordinator will then review your registration, and you will receive an email once it ' +
          'is approved.',
      ],
      action: 'Confirm my email address',
      after: ['If you did not register with Clearance, you can ignore this message.'],
    },
    fr: {
      subject: 'Confirmez votre adresse électronique pour Clearance',
      greeting: 'Bonjour {displayName},',
      body: [
        'Merci pour votre inscription sur Clearance, la plateforme d’apprentissage de la communauté douanière. ' +
          'Veuillez confirmer votre adresse électronique en suivant le lien ci-dessous.',
        'La coordination nationale de votre pays examinera ensuite votre demande\u00a0; vous recevrez un courriel ' +
          'dès qu’elle aura été approuvée.',
      ],
      action: 'Confirmer mon adresse électronique',
      after: ['Si vous n’êtes pas à l’origine de cette inscription, vous pouvez ignorer ce message.'],
    },
    es: {
      subject: 'Confirme su dirección de correo electrónico para Clearance',
      greeting: 'Estimado/a {displayName}:',
      body: [
        'Gracias por registrarse en Clearance, la plataforma de aprendizaje de la comunidad aduanera. ' +
          'Confirme su dirección de correo electrónico mediante el enlace que figura a continuación.',
        'Después, la coordinación nacional de su país revisará su solicitud; recibirá un correo electrónico ' +
          'cuando haya sido aprobada.',
      ],
      action: 'Confirmar mi dirección de correo electrónico',
      after: ['Si no se ha registrado en Clearance, puede ignorar este mensaje.'],
    },
  },

  [MailTemplate.PasswordReset]: {
    en: {
      subject: 'Reset your Clearance password',
      greeting: 'Hello {displayName},',
      body: [
        'We received a request to reset the password of your Clearance account. ' +
          'To choose a new password, follow the link below.',
      ],
      action: 'Choose a new password',
      after: ['If you did not make this request, you can ignore this message: your password will not change.'],
    },
    fr: {
      subject: 'Réinitialisation de votre mot de passe Clearance',
      greeting: 'Bonjour {displayName},',
      body: [
        'Nous avons reçu une demande de réinitialisation du mot de passe de votre compte Clearance. ' +
          'Pour choisir un nouveau mot de passe, suivez le lien ci-dessous.',
      ],
      action: 'Choisir un nouveau mot de passe',
      after: [
        'Si vous n’êtes pas à l’origine de cette demande, vous pouvez ignorer ce message\u00a0: votre mot de passe ' +
          'restera inchangé.',
      ],
    },
    es: {
      subject: 'Restablecimiento de su contraseña de Clearance',
      greeting: 'Estimado/a {displayName}:',
      body: [
        'Hemos recibido una solicitud para restablecer la contraseña de su cuenta de Clearance. ' +
          'Para elegir una nueva contraseña, utilice el enlace que figura a continuación.',
      ],
      action: 'Elegir una nueva contraseña',
      after: ['Si usted no ha hecho esta solicitud, puede ignorar este mensaje: su contraseña no cambiará.'],
    },
  },

  [MailTemplate.RegistrationApproved]: {
    en: {
      subject: 'Your Clearance account has been approved',
      greeting: 'Hello {displayName},',
      body: [
        'Your registration has been approved by your national coordinator. ' +
          'You can now sign in to Clearance and start your courses.',
      ],
      action: 'Sign in to Clearance',
    },
    fr: {
      subject: 'Votre compte Clearance a été approuvé',
      greeting: 'Bonjour {displayName},',
      body: [
        'Votre inscription a été approuvée par la coordination nationale de votre pays. ' +
          'Vous pouvez dès à présent vous connecter à Clearance et commencer vos cours.',
      ],
      action: 'Se connecter à Clearance',
    },
    es: {
      subject: 'Su cuenta de Clearance ha sido aprobada',
      greeting: 'Estimado/a {displayName}:',
      body: [
        'La coordinación nacional de su país ha aprobado su registro. ' +
          'Ya puede iniciar sesión en Clearance y comenzar sus cursos.',
      ],
      action: 'Iniciar sesión en Clearance',
    },
  },

  [MailTemplate.RegistrationRejected]: {
    en: {
      subject: 'Your Clearance registration was not approved',
      greeting: 'Hello {displayName},',
      body: [
        'We regret to inform you that your registration with Clearance was not approved.',
        'Reason given: {reason}',
        'If you believe this is a mistake, please contact your national coordinator or the training department ' +
          'of your administration.',
      ],
    },
    fr: {
      subject: 'Votre inscription sur Clearance n’a pas été approuvée',
      greeting: 'Bonjour {displayName},',
      body: [
        'Nous avons le regret de vous informer que votre inscription sur Clearance n’a pas été approuvée.',
        'Motif indiqué\u00a0: {reason}',
        'Si vous pensez qu’il s’agit d’une erreur, veuillez contacter la coordination nationale de votre pays ' +
          'ou le service de formation de votre administration.',
      ],
    },
    es: {
      subject: 'Su registro en Clearance no ha sido aprobado',
      greeting: 'Estimado/a {displayName}:',
      body: [
        'Lamentamos informarle de que su registro en Clearance no ha sido aprobado.',
        'Motivo indicado: {reason}',
        'Si considera que se trata de un error, póngase en contacto con la coordinación nacional de su país ' +
          'o con el servicio de formación de su administración.',
      ],
    },
  },

  [MailTemplate.PendingRegistrationsReminder]: {
    en: {
      subject: 'Clearance: registrations awaiting your decision',
      greeting: 'Hello {displayName},',
      body: [
        '{count|# registration is|# registrations are} waiting for your decision (country: {country}).',
        'Officers can only start their courses once their registration is approved. ' +
          'Please review the pending registrations in your dashboard.',
      ],
      action: 'Review pending registrations',
    },
    fr: {
      subject: 'Clearance\u00a0: demandes d’inscription en attente de votre décision',
      greeting: 'Bonjour {displayName},',
      body: [
        '{count|# demande d’inscription attend|# demandes d’inscription attendent} votre décision ' +
          '(pays\u00a0: {country}).',
        'Les agents ne peuvent commencer leurs cours qu’une fois leur inscription approuvée. ' +
          'Nous vous invitons à examiner les demandes en attente depuis votre tableau de bord.',
      ],
      action: 'Examiner les demandes en attente',
    },
    es: {
      subject: 'Clearance: solicitudes de registro pendientes de su decisión',
      greeting: 'Estimado/a {displayName}:',
      body: [
        '{count|# solicitud de registro espera|# solicitudes de registro esperan} su decisión (país: {country}).',
        'Los funcionarios solo pueden comenzar sus cursos una vez aprobado su registro. ' +
          'Le rogamos que revise las solicitudes pendientes en su panel.',
      ],
      action: 'Revisar las solicitudes pendientes',
    },
  },

  [MailTemplate.PendingRegistrationsEscalation]: {
    en: {
      subject: 'Clearance: registrations pending for more than {days|# day|# days} ({country})',
      greeting: 'Hello {displayName},',
      body: [
        '{count|# registration has|# registrations have} been waiting for a national coordinator’s decision ' +
          'for more than {days|# day|# days} (country: {country}).',
        'The coordinators of this country have already been reminded. ' +
          'You may wish to contact them, or to review these registrations yourself.',
      ],
      action: 'Open the pending registrations',
    },
    fr: {
      subject: 'Clearance\u00a0: demandes d’inscription en attente depuis plus de {days|# jour|# jours} ({country})',
      greeting: 'Bonjour {displayName},',
      body: [
        '{count|# demande d’inscription attend|# demandes d’inscription attendent} la décision d’un ' +
          'coordonnateur national depuis plus de {days|# jour|# jours} (pays\u00a0: {country}).',
        'Les coordonnateurs de ce pays ont déjà reçu un rappel. ' +
          'Vous pouvez les contacter ou examiner vous-même ces demandes.',
      ],
      action: 'Ouvrir les demandes en attente',
    },
    es: {
      subject: 'Clearance: solicitudes de registro pendientes desde hace más de {days|# día|# días} ({country})',
      greeting: 'Estimado/a {displayName}:',
      body: [
        '{count|# solicitud de registro lleva|# solicitudes de registro llevan} más de {days|# día|# días} ' +
          'esperando la decisión de un coordinador nacional (país: {country}).',
        'Los coordinadores de este país ya han recibido un recordatorio. ' +
          'Puede ponerse en contacto con ellos o revisar directamente estas solicitudes.',
      ],
      action: 'Abrir las solicitudes pendientes',
    },
  },
  [MailTemplate.GroupMention]: {
    en: {
      subject: 'Clearance: {authorName} mentioned you in {groupName}',
      greeting: 'Hello {displayName},',
      body: ['{authorName} mentioned you in the discussion “{threadTitle}” of the group {groupName}.'],
      action: 'Open the discussion',
    },
    fr: {
      subject: 'Clearance\u00a0: {authorName} vous a mentionné dans {groupName}',
      greeting: 'Bonjour {displayName},',
      body: ['{authorName} vous a mentionné dans la discussion «\u00a0{threadTitle}\u00a0» du groupe {groupName}.'],
      action: 'Ouvrir la discussion',
    },
    es: {
      subject: 'Clearance: {authorName} le mencionó en {groupName}',
      greeting: 'Estimado/a {displayName}:',
      body: ['{authorName} le mencionó en el debate «{threadTitle}» del grupo {groupName}.'],
      action: 'Abrir el debate',
    },
  },
  [MailTemplate.GroupDigest]: {
    en: {
      subject: 'Clearance: {count|# new message|# new messages} in your groups',
      greeting: 'Hello {displayName},',
      body: ['Since yesterday, {count|# message was|# messages were} posted in your groups:', '{summary}'],
      action: 'Open your groups',
    },
    fr: {
      subject: 'Clearance\u00a0: {count|# nouveau message|# nouveaux messages} dans vos groupes',
      greeting: 'Bonjour {displayName},',
      body: [
        'Depuis hier, {count|# message a été publié|# messages ont été publiés} dans vos groupes\u00a0:',
        '{summary}',
      ],
      action: 'Ouvrir vos groupes',
    },
    es: {
      subject: 'Clearance: {count|# mensaje nuevo|# mensajes nuevos} en sus grupos',
      greeting: 'Estimado/a {displayName}:',
      body: ['Desde ayer, se {count|publicó # mensaje|publicaron # mensajes} en sus grupos:', '{summary}'],
      action: 'Abrir sus grupos',
    },
  },
  [MailTemplate.RegistrationAttempt]: {
    en: {
      subject: 'Someone tried to register with your address on Clearance',
      greeting: 'Hello {displayName},',
      body: [
        'Someone tried to create a Clearance account with your email address. You already have an account, ' +
          'so nothing was created and nothing about your account has changed.',
        'If it was you, sign in with your existing account; if you have forgotten your password, choose ' +
          '"Forgot your password?" on the sign-in page.',
      ],
      action: 'Sign in',
      after: ['If it was not you, you can ignore this message: nobody has access to your account through it.'],
    },
    fr: {
      subject: 'Quelqu’un a tenté de s’inscrire avec votre adresse sur Clearance',
      greeting: 'Bonjour {displayName},',
      body: [
        'Quelqu’un a tenté de créer un compte Clearance avec votre adresse e-mail. Vous avez déjà un compte\u00a0: ' +
          'rien n’a été créé et votre compte n’a pas changé.',
        'Si c’était vous, connectez-vous avec votre compte existant\u00a0; si vous avez oublié votre mot de passe, ' +
          'choisissez «\u00a0Mot de passe oublié\u00a0?\u00a0» sur la page de connexion.',
      ],
      action: 'Se connecter',
      after: [
        'Si ce n’était pas vous, vous pouvez ignorer ce message\u00a0: il ne donne accès à votre compte à personne.',
      ],
    },
    es: {
      subject: 'Alguien intentó registrarse con su dirección en Clearance',
      greeting: 'Estimado/a {displayName}:',
      body: [
        'Alguien intentó crear una cuenta de Clearance con su correo electrónico. Usted ya tiene una cuenta, ' +
          'así que no se ha creado nada y su cuenta no ha cambiado.',
        'Si fue usted, inicie sesión con su cuenta existente; si olvidó su contraseña, elija ' +
          '«¿Olvidó su contraseña?» en la página de inicio de sesión.',
      ],
      action: 'Iniciar sesión',
      after: ['Si no fue usted, puede ignorar este mensaje: no da acceso a su cuenta a nadie.'],
    },
  },
  [MailTemplate.AccountCreated]: {
    en: {
      subject: 'Your Clearance account is ready',
      greeting: 'Hello {displayName},',
      body: [
        'The national coordination of {country} has opened an account for you on Clearance, the learning ' +
          'platform of the customs community. Your account is approved: choose your password to sign in.',
      ],
      action: 'Choose my password',
      after: ['This link works once and for 14 days. After that, choose "Forgot your password?" on the sign-in page.'],
    },
    fr: {
      subject: 'Votre compte Clearance est prêt',
      greeting: 'Bonjour {displayName},',
      body: [
        'La coordination nationale ({country}) vous a ouvert un compte sur Clearance, la plateforme ' +
          'd’apprentissage de la communauté douanière. Votre compte est approuvé\u00a0: choisissez votre mot de ' +
          'passe pour vous connecter.',
      ],
      action: 'Choisir mon mot de passe',
      after: [
        'Ce lien ne sert qu’une fois, pendant 14\u00a0jours. Ensuite, choisissez «\u00a0Mot de passe oublié\u00a0?\u00a0» ' +
          'sur la page de connexion.',
      ],
    },
    es: {
      subject: 'Su cuenta de Clearance está lista',
      greeting: 'Estimado/a {displayName}:',
      body: [
        'La coordinación nacional ({country}) le ha abierto una cuenta en Clearance, la plataforma de ' +
          'aprendizaje de la comunidad aduanera. Su cuenta está aprobada: elija su contraseña para iniciar sesión.',
      ],
      action: 'Elegir mi contraseña',
      after: [
        'Este enlace sirve una sola vez y durante 14 días. Después, elija «¿Olvidó su contraseña?» en la página ' +
          'de inicio de sesión.',
      ],
    },
  },
  [MailTemplate.Notification]: {
    en: {
      subject: '{title}',
      greeting: 'Hello {displayName},',
      body: ['{text}'],
      action: 'See my notifications',
      after: ['You choose which notifications you receive, and how, on your profile page.'],
    },
    fr: {
      subject: '{title}',
      greeting: 'Bonjour {displayName},',
      body: ['{text}'],
      action: 'Voir mes notifications',
      after: ['Vous choisissez les notifications que vous recevez, et comment, sur votre page de profil.'],
    },
    es: {
      subject: '{title}',
      greeting: 'Estimado/a {displayName}:',
      body: ['{text}'],
      action: 'Ver mis notificaciones',
      after: ['Usted elige qué notificaciones recibe, y cómo, en su página de perfil.'],
    },
  },

  [MailTemplate.NotificationDigest]: {
    en: {
      subject: 'Clearance: {count|# notification|# notifications} of the day',
      greeting: 'Hello {displayName},',
      body: ['Here is what happened for you today:', '{summary}'],
      action: 'See my notifications',
      after: ['You choose which notifications you receive, and how, on your profile page.'],
    },
    fr: {
      subject: 'Clearance\u00a0: {count|# notification|# notifications} du jour',
      greeting: 'Bonjour {displayName},',
      body: ['Voici ce qui vous concerne aujourd’hui\u00a0:', '{summary}'],
      action: 'Voir mes notifications',
      after: ['Vous choisissez les notifications que vous recevez, et comment, sur votre page de profil.'],
    },
    es: {
      subject: 'Clearance: {count|# notificación|# notificaciones} del día',
      greeting: 'Estimado/a {displayName}:',
      body: ['Esto es lo que le concierne hoy:', '{summary}'],
      action: 'Ver mis notificaciones',
      after: ['Usted elige qué notificaciones recibe, y cómo, en su página de perfil.'],
    },
  },
};
