import type { PreflightStrings } from '../../../console/strings/preflight.js';

export const preflight: PreflightStrings = {
  title: 'Comprobación previa: la configuración de envío',
  intro:
    'Lo que se puede comprobar desde dentro frente a las reglas que Gmail, Yahoo y Microsoft aplican a los envíos masivos desde 2024. No se envía nada; se consulta al servidor de correo, al buzón de rebotes y al DNS, unos segundos como mucho cada uno.',
  link: 'Comprobar la configuración de envío',
  check: 'Comprobación',
  status: 'Resultado',
  found: 'Encontrado',
  fix: 'Qué hacer',
  statuses: { pass: 'correcto', warn: 'revisar', fail: 'falla', unknown: 'no se pudo comprobar' },
  checks: {
    dkim: 'Clave DKIM',
    alignment: 'Remitente alineado con DKIM',
    senders: 'Remitentes separados',
    unsubscribe: 'Baja con un clic',
    bounceAddress: 'Dirección de rebotes',
    bounceMailbox: 'Buzón de rebotes',
    relayTls: 'TLS con el servidor de correo',
    spf: 'Registro SPF',
    dmarc: 'Registro DMARC',
    dkimRecord: 'Registro DKIM en el DNS',
  },
  findings: {
    dkimNotSet: {
      found: 'DKIM no está configurado: el correo sale sin firmar.',
      fix: 'Genere una clave RSA de 2048 bits (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out dkim.pem), publique su parte pública en el DNS y defina DKIM_DOMAIN, DKIM_SELECTOR y DKIM_PRIVATE_KEY_PATH.',
    },
    dkimUnreadable: {
      found: 'No se puede leer el fichero de clave {path} ({error}).',
      fix: 'Indique en DKIM_PRIVATE_KEY_PATH un fichero que el usuario de labdigest pueda leer.',
    },
    dkimNotAKey: {
      found: '{path} no contiene una clave privada en PEM.',
      fix: 'Indique en DKIM_PRIVATE_KEY_PATH la clave privada PEM (-----BEGIN PRIVATE KEY-----).',
    },
    dkimUnsupported: { found: '{path} contiene una clave {type}; DKIM firma con RSA (o Ed25519).', fix: 'Genere una clave RSA de 2048 bits.' },
    dkimTooShort: {
      found: 'Una clave RSA de {bits} bits: los servidores ignoran las claves DKIM de menos de 1024 bits.',
      fix: 'Genere una clave RSA de 2048 bits y publíquela con un selector nuevo.',
    },
    dkimShort: {
      found: 'Una clave RSA de {bits} bits firma como {domain} (selector {selector}).',
      fix: 'Se acepta, pero se recomiendan 2048 bits: genere una y publíquela con un selector nuevo.',
    },
    dkimNotSigned: {
      found: 'El programa de correo generó un mensaje sin firma DKIM con esta clave {type} (Nodemailer solo firma con claves RSA).',
      fix: 'Use una clave RSA de 2048 bits.',
    },
    dkimBroken: {
      found: 'La firma de un mensaje generado por el programa de correo no se verifica: {result}.',
      fix: 'Compruebe que el fichero contiene la clave privada completa.',
    },
    dkimOk: { found: 'Una clave {type} de {bits} bits firma como {domain} (selector {selector}); una firma de prueba se verifica.', fix: '' },
    alignNoDkim: { found: 'No hay dominio DKIM con el que alinear los remitentes.', fix: 'Configure DKIM (arriba) para el dominio de MAIL_FROM.' },
    alignBadFrom: {
      found: '{setting} no contiene ninguna dirección de correo.',
      fix: 'Defina {setting} con un nombre y una dirección, como "Noticias del lab <news@lab.example.org>".',
    },
    alignMismatch: {
      found: 'El dominio de {setting} ({fromDomain}) no está alineado con DKIM_DOMAIN ({dkimDomain}): DMARC no cuenta la firma para él.',
      fix: 'Envíe desde una dirección de {dkimDomain} (o de un subdominio), o firme con una clave de {fromDomain}.',
    },
    alignOk: { found: 'Los dominios remitentes {domains} están alineados con DKIM_DOMAIN {dkimDomain} (modo relajado).', fix: '' },
    sendersBadFrom: {
      found: '{setting} no contiene ninguna dirección de correo.',
      fix: 'Defina {setting} con un nombre y una dirección, como "Noticias del lab <news@lab.example.org>".',
    },
    sendersSame: {
      found: 'Los boletines y los correos de confirmación salen de la misma dirección, {address}.',
      fix: 'Defina MAIL_TRANSACTIONAL_FROM con otra dirección (como no-reply@ del mismo dominio): así las quejas sobre el boletín no frenan las confirmaciones.',
    },
    sendersOk: { found: 'Los boletines salen de {list}; las confirmaciones y los enlaces, de {transactional}.', fix: '' },
    unsubscribeFailed: { found: 'No se pudo generar un boletín para un lector de prueba: {error}', fix: 'Corrija el error; el registro tiene los detalles.' },
    unsubscribeNotHttps: {
      found: 'El enlace de baja con un clic está en {url}: los proveedores solo ofrecen la baja con un clic para enlaces https (RFC 8058).',
      fix: 'Sirva labdigest por https y defina PUBLIC_URL con la dirección https.',
    },
    unsubscribeNoHeader: {
      found: 'El boletín no tiene la cabecera List-Unsubscribe con su enlace de baja.',
      fix: 'Es un error de labdigest: por favor, comuníquelo.',
    },
    unsubscribeNoOneClick: {
      found: 'El boletín no tiene la cabecera List-Unsubscribe-Post: List-Unsubscribe=One-Click.',
      fix: 'Es un error de labdigest: por favor, comuníquelo.',
    },
    unsubscribeNotVisible: {
      found: 'El texto del boletín no muestra ningún enlace de baja.',
      fix: 'Mantenga el enlace de baja en el pie de emails/layout.mjml.',
    },
    unsubscribeNotSigned: {
      found: 'La firma DKIM no cubre {headers}: Gmail y Yahoo ignoran entonces la baja con un clic.',
      fix: 'Es un error de labdigest: por favor, comuníquelo.',
    },
    unsubscribeOk: {
      found: 'List-Unsubscribe ({url}, y un mailto) con One-Click, firmado por DKIM cuando está activo, y un enlace de baja visible en el pie.',
      fix: '',
    },
    bounceAddressNotSet: {
      found: 'BOUNCE_ADDRESS no está definido: los rebotes llegan al remitente y nadie ve a qué envío se refieren.',
      fix: 'Defina BOUNCE_ADDRESS con un buzón que admita direcciones con + (bounces@su dominio) y BOUNCE_IMAP_URL para leerlo.',
    },
    bounceAddressOk: { found: 'Los boletines salen con el remitente de sobre {address}, así cada rebote nombra su envío.', fix: '' },
    mailboxNotSet: {
      found: 'BOUNCE_IMAP_URL no está definido: solo se ven los rechazos durante la sesión SMTP; los rebotes y quejas posteriores no.',
      fix: 'Defina BOUNCE_IMAP_URL con el buzón que recibe el correo de BOUNCE_ADDRESS (imaps://usuario:contraseña@servidor:993/INBOX).',
    },
    mailboxFailed: {
      found: 'No se pudo abrir {folder} en {host} como {user}: {error}',
      fix: 'Revise el servidor, el puerto, el usuario, la contraseña y la carpeta de BOUNCE_IMAP_URL.',
    },
    mailboxOk: { found: 'Sesión iniciada en {host} como {user}; {folder} tiene {messages} mensajes.', fix: '' },
    relayOutbox: {
      found: 'Sin SMTP_URL: el correo se escribe en {dir}, no se envía por un servidor.',
      fix: 'Defina SMTP_URL con su servidor de correo (smtps://usuario:contraseña@servidor:465) para enviar.',
    },
    relayNoTls: {
      found: 'El servidor de correo {host} no ofrece STARTTLS: el correo y el inicio de sesión viajan sin cifrar.',
      fix: 'Use smtps:// (puerto 465) o el puerto del servidor que ofrece STARTTLS (587).',
    },
    relayNoTlsLocal: {
      found: 'El servidor de correo {host} está en esta máquina y no ofrece STARTTLS.',
      fix: 'Vale para el tramo dentro de esta máquina; asegúrese de que ese servidor reenvía con TLS.',
    },
    relayFailed: {
      found: 'El servidor de correo {host} no completó una conexión TLS: {error}',
      fix: 'Revise el servidor y el puerto de SMTP_URL, y que el servidor tenga un certificado para su nombre.',
    },
    relaySmtps: { found: 'smtps:// con {host}: TLS desde el primer byte, y el servidor respondió.', fix: '' },
    relayStarttls: { found: 'El servidor de correo {host} ofreció STARTTLS y la conexión pasó a cifrada.', fix: '' },
    dnsUnknown: {
      found: 'El DNS no respondió para {domain} ({error}).',
      fix: 'Repita la comprobación en una máquina con DNS, o consulte el registro con dig.',
    },
    dnsNoDomain: {
      found: '{domain} no se resuelve desde aquí (esta máquina no tiene DNS, o el dominio no existe).',
      fix: 'Repita la comprobación donde el DNS responda, o revise cómo está escrito el dominio.',
    },
    spfMissing: {
      found: '{domain} no tiene registro SPF.',
      fix: 'Publique un registro TXT en {domain} como "v=spf1 include:<su servidor> -all", con los servidores que envían su correo.',
    },
    spfMultiple: { found: '{domain} tiene {count} registros SPF: los servidores lo tratan como un error.', fix: 'Únalos en un solo registro v=spf1.' },
    spfPermissive: {
      found: 'El registro SPF de {domain} deja enviar a cualquier servidor: {record}',
      fix: 'Termine el registro con -all o ~all después de nombrar sus servidores.',
    },
    spfOk: { found: 'SPF de {domain}: {record}', fix: '' },
    dmarcMissing: {
      found: '{domain} no tiene registro DMARC: quien envía de forma masiva debe tenerlo.',
      fix: 'Publique un registro TXT en _dmarc.{domain}: "v=DMARC1; p=none; rua=mailto:dmarc@{domain}" para empezar.',
    },
    dmarcOk: { found: 'DMARC de {domain} con la política p={policy}.', fix: '' },
    dkimRecordNoKey: { found: 'No hay una clave DKIM utilizable, así que no hay registro que consultar.', fix: 'Configure DKIM primero (arriba).' },
    dkimRecordMissing: { found: 'No hay ninguna clave DKIM publicada en {name}.', fix: 'Publique este registro TXT en {name}: {record}' },
    dkimRecordMismatch: { found: 'La clave publicada en {name} no es la de DKIM_PRIVATE_KEY_PATH.', fix: 'Publique este registro TXT en {name}: {record}' },
    dkimRecordOk: { found: 'La clave publicada en {name} coincide con la clave de firma.', fix: '' },
  },
  summary: '{fail} fallan, {warn} para revisar, {unknown} no se pudieron comprobar, {pass} correctas.',
};
