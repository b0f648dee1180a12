/** What the reader agrees to when ticking the box. Changing it means bumping CONSENT_VERSION (src/subscribers/consent.ts). */
export const consent =
  'Acepto recibir un resumen mensual por correo electrónico de este grupo de investigación sobre los temas ' +
  'que he elegido. Mi dirección y mis elecciones se guardan solo para enviarlo; puedo cambiarlas, descargar ' +
  'mis datos, darme de baja o borrar mis datos en cualquier momento con el enlace de cada correo.';
