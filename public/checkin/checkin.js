// Cities Forum check-in: the page a door's tablet or phone runs. Plain ES
// module, no build step; the pure parts are exported for tests, and the
// page starts only in a browser. The badge code and its judgement are
// judge.js.

import { answer, judgeDataOf, judgeManual, judgeOffline, looksComplete, parseCode } from './judge.js';

const TOKEN_KEY = 'cf-checkin-token';
const DB_NAME = 'cf-checkin';
const STORES = { meta: null, people: 'registration_id', keys: 'key_id', lists: 'key', checkins: 'id', queue: 'client_id' };
const SCAN_TIMEOUT = 2500;
const BATCH = 200;
const EVERY = 60_000; // bootstrap this often while online
const RETRY = 15_000; // sooner while scans wait or the server was unreachable

/* --- words --- */

const WORDS = {
  en: {
    title: 'Check-in', pair_intro: 'Scan the pairing QR code the organizer shows you, or type its code.',
    pairing_code: 'Pairing code', pair_btn: 'Pair this device',
    pair_invalid: 'Wrong or expired pairing code: ask the organizer for a new one.',
    pair_wait: 'Too many tries. Wait {n} s and try again.', pair_failed: 'Pairing failed: the server cannot be reached.',
    your_name: 'Your name', shift_intro: 'Type your name to start your shift. It is recorded with every scan.',
    start: 'Start scanning', list: 'List', entry: 'Forum entry',
    badge_code: 'Badge code', check: 'Check', camera: 'Camera', camera_off: 'The camera cannot be used here.',
    staff: 'Staff', change: 'Change', search: 'Search by name', check_in: 'Check in', no_match: 'Nobody found.',
    in_at: 'In at {t} · {d}', online: 'Online', offline: 'Offline', waiting_1: '1 scan waits to sync',
    waiting: '{n} scans wait to sync', synced: 'All scans synced', last_sync: 'Last sync {t}',
    never_synced: 'Not synced yet', ready: 'Ready to scan',
    welcome: 'Welcome', already: 'Already checked in', refused: 'Not admitted',
    earlier: 'Checked in at {t} at {d}', no_place: 'No place in this session (invitation only)',
    offline_judged: 'Checked on this device while offline; it will sync.',
    unverified: 'Cannot check here: this browser cannot verify badge signatures offline. Ask for an identity document.',
    registration: 'Registration #{n}', undo: 'Undo', undo_reason: 'Reason for undo', undo_confirm: 'Confirm undo',
    cancel: 'Cancel', undone: 'Check-in undone', undo_failed: 'Undo failed: {e}', reprint: 'Reprint badge',
    reprint_confirm: 'Print a new badge for this person? Their current badge stops working at once.',
    reprint_open: 'Open the new badge (PDF)', reprint_failed: 'Reprint failed: {e}',
    not_synced: 'not yet synced', no_connection: 'no connection',
    outcome: {
      unreadable: 'Not a badge', unknown_key: 'Unknown badge (unknown signing key)',
      revoked_key: 'Badge revoked (its signing key was withdrawn)', other_edition: 'Badge of another edition',
      forged: 'Forged or altered badge', unknown_registration: 'Unknown badge',
      superseded: 'Superseded: a newer badge was printed', not_approved: 'Registration not approved',
      unknown_list: 'Unknown list', device_revoked: 'This device was revoked',
      edition_closed: 'Edition closed: its data is gone from this device', refused: 'Refused by the server',
      unchecked: 'Cannot check here',
    },
    cat: {
      head_of_delegation: 'Head of delegation', delegate: 'Delegate', speaker: 'Speaker',
      business_council: 'Business Council', observer: 'Observer', press: 'Press', staff: 'Staff', un: 'UN',
    },
  },
  zh: {
    title: '签到', pair_intro: '扫描组织者出示的配对二维码，或输入配对码。',
    pairing_code: '配对码', pair_btn: '配对此设备',
    pair_invalid: '配对码错误或已过期：请向组织者索取新的配对码。',
    pair_wait: '尝试次数过多。请等待 {n} 秒后重试。', pair_failed: '配对失败：无法连接服务器。',
    your_name: '您的姓名', shift_intro: '输入您的姓名以开始值班。每次扫描都会记录您的姓名。',
    start: '开始扫描', list: '名单', entry: '论坛入场',
    badge_code: '胸卡代码', check: '核验', camera: '摄像头', camera_off: '此处无法使用摄像头。',
    staff: '工作人员', change: '更换', search: '按姓名搜索', check_in: '签到', no_match: '未找到此人。',
    in_at: '{t} 已签到 · {d}', online: '在线', offline: '离线', waiting_1: '1 次扫描待同步',
    waiting: '{n} 次扫描待同步', synced: '全部扫描已同步', last_sync: '上次同步 {t}',
    never_synced: '尚未同步', ready: '可以扫描',
    welcome: '欢迎', already: '已签到', refused: '不得入场',
    earlier: '已于 {t} 在 {d} 签到', no_place: '此人在本场（仅限受邀）没有席位',
    offline_judged: '离线时由本设备核验，联网后将同步。',
    unverified: '此处无法核验：此浏览器不能离线验证胸卡签名。请查验身份证件。',
    registration: '注册编号 {n}', undo: '撤销', undo_reason: '撤销原因', undo_confirm: '确认撤销',
    cancel: '取消', undone: '已撤销签到', undo_failed: '撤销失败：{e}', reprint: '补打胸卡',
    reprint_confirm: '为此人制作新胸卡？其现有胸卡将立即失效。',
    reprint_open: '打开新胸卡（PDF）', reprint_failed: '补打失败：{e}',
    not_synced: '尚未同步', no_connection: '无网络连接',
    outcome: {
      unreadable: '不是胸卡', unknown_key: '未知胸卡（签名密钥未知）',
      revoked_key: '胸卡已失效（其签名密钥已吊销）', other_edition: '其他届次的胸卡',
      forged: '伪造或被篡改的胸卡', unknown_registration: '未知胸卡',
      superseded: '已被补打的新胸卡取代', not_approved: '注册未获批准',
      unknown_list: '未知名单', device_revoked: '此设备已被吊销',
      edition_closed: '本届论坛已结束：此设备已删除相关数据', refused: '服务器拒绝',
      unchecked: '此处无法核验',
    },
    cat: {
      head_of_delegation: '代表团团长', delegate: '代表', speaker: '发言人', business_council: '工商理事会',
      observer: '观察员', press: '媒体', staff: '工作人员', un: '联合国',
    },
  },
  ar: {
    title: 'تسجيل الحضور', pair_intro: 'امسح رمز QR الخاص بالإقران الذي يعرضه عليك المنظِّم، أو اكتب الرمز.',
    pairing_code: 'رمز الإقران', pair_btn: 'إقران هذا الجهاز',
    pair_invalid: 'رمز الإقران غير صحيح أو منتهي الصلاحية: اطلب رمزًا جديدًا من المنظِّم.',
    pair_wait: 'تم تجاوز الحد الأقصى للمحاولات. مدة الانتظار قبل إعادة المحاولة (بالثواني): {n}',
    pair_failed: 'تعذّر الإقران: لا يمكن الاتصال بالخادم.',
    your_name: 'اسمك', shift_intro: 'اكتب اسمك لبدء نوبة عملك. ويُسجَّل اسمك مع كل عملية مسح.',
    start: 'بدء المسح', list: 'القائمة', entry: 'الدخول إلى المنتدى',
    badge_code: 'رمز الشارة', check: 'تحقّق', camera: 'الكاميرا', camera_off: 'لا يمكن استخدام الكاميرا هنا.',
    staff: 'الموظف', change: 'تغيير', search: 'البحث بالاسم', check_in: 'تسجيل الحضور', no_match: 'لم يُعثر على أي شخص.',
    in_at: 'سُجِّل الحضور: {t} · {d}', online: 'متصل', offline: 'غير متصل', waiting_1: 'عملية مسح واحدة بانتظار المزامنة',
    waiting: 'عمليات مسح بانتظار المزامنة: {n}', synced: 'تمت مزامنة جميع عمليات المسح', last_sync: 'آخر مزامنة: {t}',
    never_synced: 'لم تتم المزامنة بعد', ready: 'جاهز للمسح',
    welcome: 'أهلًا وسهلًا', already: 'سبق تسجيل الحضور', refused: 'الدخول غير مسموح',
    earlier: 'وقت تسجيل الحضور: {t} · الجهاز: {d}', no_place: 'لا يوجد مكان محجوز في هذه الجلسة (بدعوة فقط)',
    offline_judged: 'جرى التحقق على هذا الجهاز دون اتصال، وستتم المزامنة لاحقًا.',
    unverified: 'يتعذّر التحقق هنا: لا يستطيع هذا المتصفح التحقق من توقيعات الشارات دون اتصال. اطلب وثيقة هوية.',
    registration: 'رقم التسجيل: {n}', undo: 'التراجع عن التسجيل', undo_reason: 'سبب التراجع', undo_confirm: 'تأكيد التراجع',
    cancel: 'إلغاء', undone: 'تم التراجع عن تسجيل الحضور', undo_failed: 'تعذّر التراجع: {e}', reprint: 'إعادة طباعة الشارة',
    reprint_confirm: 'هل تريد طباعة شارة جديدة لهذا الشخص؟ سيتوقف قبول شارته الحالية فورًا.',
    reprint_open: 'فتح الشارة الجديدة (PDF)', reprint_failed: 'تعذّرت إعادة الطباعة: {e}',
    not_synced: 'لم تتم المزامنة بعد', no_connection: 'لا يوجد اتصال',
    outcome: {
      unreadable: 'ليست شارة', unknown_key: 'شارة غير معروفة (مفتاح التوقيع غير معروف)',
      revoked_key: 'شارة ملغاة (سُحب مفتاح توقيعها)', other_edition: 'شارة خاصة بدورة أخرى',
      forged: 'شارة مزوّرة أو معدّلة', unknown_registration: 'شارة غير معروفة',
      superseded: 'شارة مستبدَلة: طُبعت شارة أحدث', not_approved: 'التسجيل غير موافَق عليه',
      unknown_list: 'قائمة غير معروفة', device_revoked: 'أُلغي هذا الجهاز',
      edition_closed: 'الدورة مغلقة: حُذفت بياناتها من هذا الجهاز', refused: 'رفض الخادم عملية المسح',
      unchecked: 'يتعذّر التحقق هنا',
    },
    cat: {
      head_of_delegation: 'رئيس وفد', delegate: 'مندوب', speaker: 'متحدث', business_council: 'مجلس الأعمال',
      observer: 'مراقب', press: 'الصحافة', staff: 'الموظفون', un: 'الأمم المتحدة',
    },
  },
  fr: {
    title: 'Contrôle d’accès', pair_intro: 'Scannez le code QR d’appairage présenté par l’organisateur, ou saisissez son code.',
    pairing_code: 'Code d’appairage', pair_btn: 'Appairer cet appareil',
    pair_invalid: 'Code d’appairage erroné ou expiré : demandez-en un nouveau à l’organisateur.',
    pair_wait: 'Trop de tentatives. Réessayez dans {n} s.', pair_failed: 'Échec de l’appairage : serveur injoignable.',
    your_name: 'Votre nom', shift_intro: 'Saisissez votre nom pour commencer votre service. Il est enregistré à chaque scan.',
    start: 'Commencer à scanner', list: 'Liste', entry: 'Entrée du Forum',
    badge_code: 'Code du badge', check: 'Vérifier', camera: 'Caméra', camera_off: 'Impossible d’utiliser la caméra ici.',
    staff: 'Agent', change: 'Changer', search: 'Rechercher par nom', check_in: 'Enregistrer l’arrivée', no_match: 'Aucune personne trouvée.',
    in_at: 'Entrée : {t} · {d}', online: 'En ligne', offline: 'Hors ligne', waiting_1: '1 scan en attente de synchronisation',
    waiting: 'Scans en attente de synchronisation : {n}', synced: 'Tous les scans sont synchronisés', last_sync: 'Dernière synchronisation : {t}',
    never_synced: 'Pas encore synchronisé', ready: 'Prêt à scanner',
    welcome: 'Bienvenue', already: 'Arrivée déjà enregistrée', refused: 'Accès refusé',
    earlier: 'Arrivée enregistrée : {t} · appareil : {d}', no_place: 'Pas de place dans cette séance (sur invitation uniquement)',
    offline_judged: 'Contrôle effectué hors ligne sur cet appareil ; il sera synchronisé.',
    unverified: 'Vérification impossible ici : ce navigateur ne peut pas vérifier hors ligne la signature des badges. Demandez une pièce d’identité.',
    registration: 'Inscription nº {n}', undo: 'Annuler l’enregistrement', undo_reason: 'Motif de l’annulation', undo_confirm: 'Confirmer l’annulation',
    cancel: 'Retour', undone: 'Enregistrement de l’arrivée annulé', undo_failed: 'Échec de l’annulation : {e}', reprint: 'Réimprimer le badge',
    reprint_confirm: 'Imprimer un nouveau badge pour cette personne ? Son badge actuel cessera immédiatement d’être accepté.',
    reprint_open: 'Ouvrir le nouveau badge (PDF)', reprint_failed: 'Échec de la réimpression : {e}',
    not_synced: 'pas encore synchronisé', no_connection: 'pas de connexion',
    outcome: {
      unreadable: 'Ce n’est pas un badge', unknown_key: 'Badge inconnu (clé de signature inconnue)',
      revoked_key: 'Badge révoqué (sa clé de signature a été retirée)', other_edition: 'Badge d’une autre édition',
      forged: 'Badge falsifié ou modifié', unknown_registration: 'Badge inconnu',
      superseded: 'Badge remplacé : un badge plus récent a été imprimé', not_approved: 'Inscription non approuvée',
      unknown_list: 'Liste inconnue', device_revoked: 'Cet appareil a été révoqué',
      edition_closed: 'Édition clôturée : ses données ont été effacées de cet appareil', refused: 'Refusé par le serveur',
      unchecked: 'Vérification impossible ici',
    },
    cat: {
      head_of_delegation: 'Chef de délégation', delegate: 'Délégué', speaker: 'Intervenant',
      business_council: 'Conseil des entreprises', observer: 'Observateur', press: 'Presse', staff: 'Personnel', un: 'ONU',
    },
  },
  ru: {
    title: 'Контроль на входе', pair_intro: 'Отсканируйте QR-код привязки, который покажет организатор, или введите код вручную.',
    pairing_code: 'Код привязки', pair_btn: 'Привязать это устройство',
    pair_invalid: 'Неверный или просроченный код привязки: запросите новый код у организатора.',
    pair_wait: 'Слишком много попыток. Повторите попытку через {n} с.', pair_failed: 'Не удалось выполнить привязку: сервер недоступен.',
    your_name: 'Ваше имя', shift_intro: 'Введите своё имя, чтобы начать смену. Оно фиксируется при каждом сканировании.',
    start: 'Начать сканирование', list: 'Список', entry: 'Вход на форум',
    badge_code: 'Код бейджа', check: 'Проверить', camera: 'Камера', camera_off: 'Камеру здесь использовать нельзя.',
    staff: 'Сотрудник', change: 'Сменить', search: 'Поиск по имени', check_in: 'Отметить прибытие', no_match: 'Никто не найден.',
    in_at: 'Прибытие: {t} · {d}', online: 'В сети', offline: 'Автономный режим', waiting_1: '1 сканирование ожидает синхронизации',
    waiting: 'Ожидают синхронизации: {n}', synced: 'Все сканирования синхронизированы', last_sync: 'Последняя синхронизация: {t}',
    never_synced: 'Синхронизации ещё не было', ready: 'Готово к сканированию',
    welcome: 'Добро пожаловать', already: 'Прибытие уже отмечено', refused: 'Проход запрещён',
    earlier: 'Прибытие отмечено: {t} · устройство: {d}', no_place: 'Нет места на этом мероприятии (только по приглашениям)',
    offline_judged: 'Проверено на этом устройстве в автономном режиме; данные будут синхронизированы.',
    unverified: 'Проверка здесь невозможна: этот браузер не может проверять подписи бейджей без подключения к сети. Попросите предъявить документ, удостоверяющий личность.',
    registration: 'Регистрация № {n}', undo: 'Отменить отметку', undo_reason: 'Причина отмены', undo_confirm: 'Подтвердить отмену',
    cancel: 'Назад', undone: 'Отметка о прибытии отменена', undo_failed: 'Не удалось отменить отметку: {e}', reprint: 'Напечатать бейдж заново',
    reprint_confirm: 'Напечатать новый бейдж для этого человека? Текущий бейдж сразу перестанет действовать.',
    reprint_open: 'Открыть новый бейдж (PDF)', reprint_failed: 'Не удалось напечатать бейдж заново: {e}',
    not_synced: 'ещё не синхронизировано', no_connection: 'нет подключения',
    outcome: {
      unreadable: 'Это не бейдж', unknown_key: 'Неизвестный бейдж (неизвестный ключ подписи)',
      revoked_key: 'Бейдж недействителен (его ключ подписи отозван)', other_edition: 'Бейдж другого форума',
      forged: 'Поддельный или изменённый бейдж', unknown_registration: 'Неизвестный бейдж',
      superseded: 'Бейдж заменён: напечатан более новый', not_approved: 'Регистрация не утверждена',
      unknown_list: 'Неизвестный список', device_revoked: 'Доступ этого устройства отозван',
      edition_closed: 'Форум закрыт: его данные удалены с этого устройства', refused: 'Отклонено сервером',
      unchecked: 'Проверка здесь невозможна',
    },
    cat: {
      head_of_delegation: 'Глава делегации', delegate: 'Делегат', speaker: 'Докладчик', business_council: 'Деловой совет',
      observer: 'Наблюдатель', press: 'Пресса', staff: 'Персонал', un: 'ООН',
    },
  },
  es: {
    title: 'Control de acceso', pair_intro: 'Escanee el código QR de vinculación que le muestre el organizador, o escriba el código.',
    pairing_code: 'Código de vinculación', pair_btn: 'Vincular este dispositivo',
    pair_invalid: 'Código de vinculación incorrecto o caducado: pida uno nuevo al organizador.',
    pair_wait: 'Demasiados intentos. Espere {n} s y vuelva a intentarlo.', pair_failed: 'Error de vinculación: no se puede conectar con el servidor.',
    your_name: 'Su nombre', shift_intro: 'Escriba su nombre para comenzar su turno. Quedará registrado en cada escaneo.',
    start: 'Comenzar a escanear', list: 'Lista', entry: 'Entrada al Foro',
    badge_code: 'Código de la credencial', check: 'Verificar', camera: 'Cámara', camera_off: 'No se puede usar la cámara aquí.',
    staff: 'Personal', change: 'Cambiar', search: 'Buscar por nombre', check_in: 'Registrar entrada', no_match: 'No se ha encontrado a nadie.',
    in_at: 'Entrada: {t} · {d}', online: 'Con conexión', offline: 'Sin conexión', waiting_1: '1 escaneo pendiente de sincronización',
    waiting: 'Escaneos pendientes de sincronización: {n}', synced: 'Todos los escaneos sincronizados', last_sync: 'Última sincronización: {t}',
    never_synced: 'Aún sin sincronizar', ready: 'Listo para escanear',
    welcome: 'Acceso autorizado', already: 'Entrada ya registrada', refused: 'Acceso denegado',
    earlier: 'Entrada registrada: {t} · dispositivo: {d}', no_place: 'Sin plaza en esta sesión (solo por invitación)',
    offline_judged: 'Verificado sin conexión en este dispositivo; se sincronizará más tarde.',
    unverified: 'No se puede verificar aquí: este navegador no puede verificar sin conexión las firmas de las credenciales. Solicite un documento de identidad.',
    registration: 'Inscripción n.º {n}', undo: 'Deshacer', undo_reason: 'Motivo de la anulación', undo_confirm: 'Confirmar la anulación',
    cancel: 'Cancelar', undone: 'Registro de entrada anulado', undo_failed: 'No se pudo deshacer: {e}', reprint: 'Reimprimir la credencial',
    reprint_confirm: '¿Desea imprimir una nueva credencial para esta persona? Su credencial actual dejará de ser válida de inmediato.',
    reprint_open: 'Abrir la nueva credencial (PDF)', reprint_failed: 'No se pudo reimprimir: {e}',
    not_synced: 'aún sin sincronizar', no_connection: 'sin conexión',
    outcome: {
      unreadable: 'No es una credencial', unknown_key: 'Credencial desconocida (clave de firma desconocida)',
      revoked_key: 'Credencial revocada (se retiró su clave de firma)', other_edition: 'Credencial de otra edición',
      forged: 'Credencial falsificada o alterada', unknown_registration: 'Credencial desconocida',
      superseded: 'Credencial sustituida: se imprimió una más reciente', not_approved: 'Inscripción no aprobada',
      unknown_list: 'Lista desconocida', device_revoked: 'Este dispositivo ha sido revocado',
      edition_closed: 'Edición cerrada: sus datos se han eliminado de este dispositivo', refused: 'Rechazado por el servidor',
      unchecked: 'No se puede verificar aquí',
    },
    cat: {
      head_of_delegation: 'Jefe de delegación', delegate: 'Delegado', speaker: 'Orador', business_council: 'Consejo Empresarial',
      observer: 'Observador', press: 'Prensa', staff: 'Personal', un: 'ONU',
    },
  },
};

/** The page's <html lang> (primary subtag) when there are words for it, else English. */
const LANG = (() => {
  const tag = typeof document !== 'undefined' ? String(document.documentElement.lang || '') : '';
  const primary = tag.split(/[-_]/)[0].toLowerCase();
  return Object.prototype.hasOwnProperty.call(WORDS, primary) ? primary : 'en';
})();
/** Date locale per language; Arabic keeps Western digits. */
const LOCALE = { en: 'en-GB', zh: 'zh-CN', ar: 'ar-u-nu-latn', fr: 'fr-FR', ru: 'ru-RU', es: 'es-ES' };
const W = WORDS[LANG];
const t = (key, vars = {}) => (W[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
const said = (outcome) => W.outcome[outcome] ?? W.outcome.refused;

/** A scan's id, made here. randomUUID needs a secure context (HTTPS);
 * getRandomValues works everywhere. */
const newId = () =>
  crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');



/* --- IndexedDB --- */

/** What a pairing holds (forgotten at once). */
const blank = () => ({
  device: null, edition: null, lists: [], people: new Map(), keys: new Map(), revokedKeys: new Set(),
  badges: new Map(), checkins: new Map(), staff: '', list: 'entry', waiting: 0, lastSync: null,
});
const S = { token: null, online: true, lastTry: 0, syncing: false, seq: 0, shown: 0, chain: Promise.resolve(), cam: null, camSeen: {}, ...blank() };

let dbp = null;
function openDb() {
  // Never (re)creates the database of an unpaired device.
  if (!S.token) return Promise.reject(new Error('not paired'));
  dbp ||= new Promise((ok, fail) => {
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => {
      for (const [name, keyPath] of Object.entries(STORES)) r.result.createObjectStore(name, keyPath ? { keyPath } : {});
    };
    r.onsuccess = () => {
      r.result.onversionchange = () => { r.result.close(); dbp = null; };
      ok(r.result);
    };
    r.onerror = () => { dbp = null; fail(r.error); };
  });
  return dbp;
}

/** One transaction: resolves on completion with what fn(store) returned,
 * requests (or an object's request values) replaced by their results. */
async function tx(names, mode, fn) {
  const d = await openDb();
  return new Promise((ok, fail) => {
    const x = d.transaction(names, mode);
    const out = fn((n) => x.objectStore(n));
    const val = (v) => (v instanceof IDBRequest ? v.result : v);
    x.oncomplete = () => ok(out?.constructor === Object
      ? Object.fromEntries(Object.entries(out).map(([k, v]) => [k, val(v)])) : val(out));
    x.onerror = x.onabort = () => fail(x.error || new Error('aborted'));
  });
}

async function deleteDb() {
  const p = dbp;
  dbp = null;
  await p?.then((d) => d.close(), () => {});
  await new Promise((ok) => {
    const r = indexedDB.deleteDatabase(DB_NAME);
    r.onsuccess = r.onerror = ok;
    setTimeout(ok, 5000);
  });
}

const judgeData = () => ({ ...S, editionId: S.edition?.id });

function applyData(parts) {
  if (parts.device) S.device = parts.device;
  if (parts.edition) S.edition = parts.edition;
  Object.assign(S, judgeDataOf(parts));
}

async function loadLocal() {
  const r = await tx(Object.keys(STORES), 'readonly', (s) => ({
    metaKeys: s('meta').getAllKeys(), metaVals: s('meta').getAll(), people: s('people').getAll(),
    keys: s('keys').getAll(), lists: s('lists').getAll(), checkins: s('checkins').getAll(), waiting: s('queue').count(),
  }));
  const meta = Object.fromEntries(r.metaKeys.map((k, i) => [k, r.metaVals[i]]));
  applyData({ ...meta, ...r, lists: r.lists.sort((a, b) => a.order - b.order) });
  Object.assign(S, { staff: meta.staff || '', list: meta.list || 'entry', lastSync: meta.last_sync || null, waiting: r.waiting });
}

const putMeta = (key, value) => tx(['meta'], 'readwrite', (s) => s('meta').put(value, key)).catch(() => {});
const row = (list, rid, at, device_name) => ({ id: `${list}|${rid}`, list, registration_id: rid, at, device_name });

async function remember(r) {
  S.checkins.set(r.id, r);
  await tx(['checkins'], 'readwrite', (s) => s('checkins').put(r)).catch(() => {});
}

/** Replaces the bootstrap data; check-ins of scans still queued stay. */
async function saveBootstrap(b) {
  const now = new Date().toISOString();
  const lists = b.lists.map((l, order) => ({ ...l, order }));
  const checkins = b.checkins.map((c) => row(c.list, c.registration_id, c.at, c.device_name));
  const r = await tx(Object.keys(STORES), 'readwrite', (s) => {
    for (const [name, items] of [['people', b.people], ['keys', b.keys], ['lists', lists], ['checkins', checkins]]) {
      s(name).clear();
      for (const item of items) s(name).put(item);
    }
    const meta = { device: b.device, edition: b.edition, generated_at: b.generated_at, revocations: b.revocations, last_sync: now };
    for (const [k, v] of Object.entries(meta)) s('meta').put(v, k);
    const q = s('queue').getAll();
    q.onsuccess = () => {
      for (const { request: rq, answer: a } of q.result) {
        if (a.light !== 'green' || a.registration_id == null) continue;
        const c = row(rq.list, a.registration_id, rq.scanned_at, b.device.name);
        checkins.push(c);
        s('checkins').put(c);
      }
    };
    return { q };
  });
  applyData({ ...b, lists, checkins });
  S.lastSync = now;
  S.waiting = r.q.length;
}

/* --- server --- */

class NetError extends Error {}
class Revoked extends Error {}
class HttpError extends Error {
  constructor(status, body) { super(body?.error || `HTTP ${status}`); Object.assign(this, { status, body }); }
}

async function api(method, path, body, { timeout = 15_000, raw = false, auth = true } = {}) {
  const headers = {};
  if (auth) {
    if (!S.token) throw new Revoked();
    headers.authorization = `Bearer ${S.token}`;
  }
  if (body) headers['content-type'] = 'application/json';
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeout);
  let res;
  try {
    res = await fetch(path, { method, headers, body: body && JSON.stringify(body), signal: ctl.signal, cache: 'no-store' });
  } catch (e) {
    setOnline(false);
    throw new NetError(e?.message);
  } finally {
    clearTimeout(timer);
  }
  setOnline(true);
  if (res.status === 401 && auth) {
    const why = (await res.json().catch(() => null))?.error;
    await wipe(why === 'edition_closed' ? why : 'device_revoked');
    throw new Revoked();
  }
  if (!res.ok) throw new HttpError(res.status, await res.json().catch(() => null));
  return raw ? res : res.status === 204 ? null : res.json();
}

/** Uploads the queue in chunks; an item leaves it once the server answered it. */
async function uploadQueue() {
  const items = (await tx(['queue'], 'readonly', (s) => s('queue').getAll())).sort((a, b) => a.seq - b.seq);
  for (let i = 0; i < items.length; i += BATCH) {
    const chunk = items.slice(i, i + BATCH);
    const res = await api('POST', '/api/v1/checkin/scans/batch', { scans: chunk.map((c) => c.request) }, { timeout: 30_000 });
    const answered = new Set((res.answers || []).map((a) => a.client_id));
    await tx(['queue'], 'readwrite', (s) => { for (const c of chunk) if (answered.has(c.client_id)) s('queue').delete(c.client_id); });
    await countWaiting();
  }
}

async function countWaiting() {
  S.waiting = await tx(['queue'], 'readonly', (s) => s('queue').count()).catch(() => S.waiting);
  renderStatus();
}

/** Uploads what waits, then fetches the bootstrap (also when the server
 * refused an upload: the queue stays, and so do its check-ins). */
async function sync() {
  if (!S.token || S.syncing) return;
  S.syncing = true;
  S.lastTry = Date.now();
  try {
    await uploadQueue().catch((e) => { if (!(e instanceof HttpError)) throw e; console.warn(e); });
    if (S.token) {
      const b = await api('GET', '/api/v1/checkin/bootstrap', undefined, { timeout: 30_000 });
      if (b.edition?.status === 'closed') await wipe('edition_closed');
      else await serial(() => saveBootstrap(b));
    }
  } catch (e) {
    if (!(e instanceof NetError || e instanceof Revoked)) console.warn(e);
  } finally {
    S.syncing = false;
    if (S.token) renderScan();
    renderStatus();
  }
}

function tick() {
  if (S.token && !S.syncing && navigator.onLine
    && Date.now() - S.lastTry >= (S.online && !S.waiting ? EVERY : RETRY)) sync();
}

/** Forgets every attendee datum: a revoked device, a closed edition. */
async function wipe(why) {
  if (!S.token && !dbp) return;
  S.token = null;
  localStorage.removeItem(TOKEN_KEY);
  stopCamera();
  Object.assign(S, blank());
  await deleteDb();
  screen('pair');
  showResult(answer('red', why));
  feedback('red');
}

/** Runs fn after all queued before it (scans one at a time). */
function serial(fn) {
  const run = S.chain.then(fn, fn);
  S.chain = run.catch(() => {});
  return run;
}

/* --- scans --- */

/** Judges a code (or, with `rid`, a check-in by hand): by the server
 * when online, else on this device, queued for the server. */
function submit(text, rid = null) {
  const code = rid == null ? String(text ?? '').trim() : null;
  if (rid == null && !code) return Promise.resolve(null);
  const started = performance.now();
  return serial(async () => {
    if (!S.token || !S.staff) return null;
    const list = S.list;
    const me = S.device?.name || '';
    const request = {
      client_id: newId(), list, code, registration_id: rid, scanned_at: new Date().toISOString(), staff: S.staff, offline_light: null,
    };
    const shown = (a, offline) => { a.list = list; show(a, offline, started); return a; };
    let a = null;
    if (navigator.onLine && S.online) {
      try {
        a = await api('POST', '/api/v1/checkin/scans', request, { timeout: SCAN_TIMEOUT });
      } catch (e) {
        if (e instanceof Revoked) return null;
        if (e instanceof HttpError && e.status < 500 && e.status !== 429) {
          return shown(answer('red', e.body?.error === 'unknown_list' ? 'unknown_list' : 'refused', rid, { client_id: request.client_id }), false);
        }
      }
    }
    if (a) {
      const r = (a.registration_id ??= a.person?.registration_id ?? rid ?? parseCode(code).claim?.registration_id ?? null);
      if (r != null && a.light === 'green') await remember(row(list, r, request.scanned_at, me));
      if (r != null && a.earlier && !S.checkins.has(`${list}|${r}`)) await remember(row(list, r, a.earlier.at, a.earlier.device_name));
      if (S.waiting) setTimeout(sync, 0);
      return shown(a, false);
    }
    a = rid == null ? await judgeOffline(code, judgeData(), list) : judgeManual(rid, judgeData(), list);
    a.client_id = request.client_id;
    request.offline_light = a.light;
    const c = a.light === 'green' ? row(list, a.registration_id, request.scanned_at, me) : null;
    try {
      await tx(['queue', 'checkins'], 'readwrite', (s) => {
        s('queue').put({ client_id: request.client_id, seq: Date.now() * 1000 + (S.seq++ % 1000), request, answer: a });
        if (c) s('checkins').put(c);
      });
      if (c) S.checkins.set(c.id, c);
    } catch (e) {
      console.error(e);
    }
    await countWaiting();
    return shown(a, true);
  });
}

/* --- UI --- */

let el = {};
let lastInput = 0;

function h(tag, attrs = {}, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) n.addEventListener(k.slice(2), v);
    else if (k === 'text') n.textContent = v;
    else n.setAttribute(k, v === true ? '' : v);
  }
  n.append(...kids.flat().filter((k) => k != null && k !== false));
  return n;
}

function fmtTime(iso) {
  const d = new Date(iso || NaN);
  if (Number.isNaN(d.getTime())) return '';
  const today = new Date().toDateString() === d.toDateString();
  // 24-hour everywhere (Arabic defaults to 12-hour; listLabel takes the last word as the time).
  return d.toLocaleString(LOCALE[LANG] || 'en-GB', {
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23', ...(today ? {} : { month: 'short', day: 'numeric' }),
  });
}

function screen(name) {
  document.body.dataset.screen = name;
  for (const n of ['pair', 'shift', 'scan']) el[n].hidden = n !== name;
  if (name === 'pair') el.pairCode.focus();
  if (name === 'shift') { el.staff.value = S.staff; el.staff.focus(); }
  if (name === 'scan') renderScan();
  renderStatus();
}

function refocus() {
  if (!el.scan.hidden) el.code.focus({ preventScroll: true });
}

function setOnline(on) {
  if (S.online !== on) { S.online = on; renderStatus(); }
}

function renderStatus() {
  if (!el.net) return;
  const on = S.online && navigator.onLine;
  el.net.dataset.online = on ? 'yes' : 'no';
  el.net.textContent = t(on ? 'online' : 'offline');
  el.queue.dataset.waiting = S.waiting;
  el.queue.textContent = !S.waiting ? t('synced') : S.waiting === 1 ? t('waiting_1') : t('waiting', { n: S.waiting });
  el.sync.dataset.lastSync = S.lastSync || '';
  el.sync.textContent = S.lastSync ? t('last_sync', { t: fmtTime(S.lastSync) }) : t('never_synced');
  el.device.textContent = [S.device?.name, S.edition?.name].filter(Boolean).join(' · ');
  el.supervisor.hidden = !S.device?.supervisor;
}

function listLabel(l) {
  if (l.key === 'entry') return t('entry');
  const end = l.ends_at ? `–${fmtTime(l.ends_at).split(' ').pop()}` : '';
  return `${l.title}${l.starts_at ? ` · ${fmtTime(l.starts_at)}${end}` : ''}`;
}

function renderScan() {
  const lists = S.lists.length ? S.lists : [{ key: 'entry' }];
  if (!lists.some((l) => l.key === S.list)) S.list = 'entry';
  const options = lists.map((l) => `${l.key}\t${listLabel(l)}`).join('\n');
  if (el.list.dataset.options !== options) { // the picker may be open
    el.list.dataset.options = options;
    el.list.replaceChildren(...lists.map((l) => h('option', { value: l.key, text: listLabel(l) })));
  }
  el.list.value = S.list;
  el.staffName.textContent = S.staff;
}

const about = (p) => [...new Set([W.cat[p.category] || p.category, p.delegation, p.member_name])].filter(Boolean).join(' · ');

function personBlock(p, rid) {
  if (!p) return rid == null ? [] : [h('p', { class: 'name-latin', text: t('registration', { n: rid }) })];
  return [
    h('p', { class: 'name-native', dir: 'auto', text: p.name_native || p.name_latin }),
    p.name_native && p.name_latin && p.name_latin !== p.name_native && h('p', { class: 'name-latin', dir: 'auto', text: p.name_latin }),
    h('p', { class: 'person-meta', dir: 'auto', text: about(p) }),
  ];
}

const ICON = { green: '✓', amber: '!', red: '✕' };
const HEAD = { green: 'welcome', amber: 'already', red: 'refused' };
const SYSTEM = ['device_revoked', 'edition_closed', 'unchecked'];

/** An answer, with its sound; it stays until the next. */
function show(a, offline, started) {
  showResult(a, offline);
  feedback(a.light);
  if (lastInput < started) el.code.value = ''; // unless the next code is coming in
  refocus();
}

function showResult(a, offline = false, note = null) {
  const light = a.light || 'idle';
  const sys = SYSTEM.includes(a.outcome);
  const rid = a.registration_id ?? a.person?.registration_id ?? null;
  Object.assign(el.result.dataset, { light, outcome: a.outcome || '', seq: ++S.shown });
  el.result.className = `result light-${light}`;
  const kids = [
    h('div', { class: 'result-head' }, h('span', { class: 'icon', 'aria-hidden': 'true', text: ICON[light] || '' }),
      h('span', { class: 'word', text: sys ? said(a.outcome) : HEAD[light] ? t(HEAD[light]) : '' })),
    light === 'red' && !sys && h('p', { class: 'reason', text: said(a.outcome) }),
    ...personBlock(a.person, light === 'red' && !a.person ? null : rid),
    a.earlier && h('p', { class: 'earlier', text: t('earlier', { t: fmtTime(a.earlier.at), d: a.earlier.device_name || '?' }) }),
    a.warning === 'no_place' && h('p', { class: 'warning', 'data-warning': 'no_place', text: `⚠ ${t('no_place')}` }),
    a.unverified && h('p', { class: 'warning', text: `⚠ ${t('unverified')}` }),
    offline && h('p', { class: 'note', 'data-offline': '', text: t('offline_judged') }),
    note && h('p', { class: 'note', text: note }),
  ];
  if (S.device?.supervisor && a.client_id && S.token) {
    const acts = h('div', { class: 'actions', 'data-keep-focus': '' },
      light === 'green' && h('button', { type: 'button', 'data-action': 'undo', text: t('undo'), onclick: () => askUndo(a, acts) }),
      a.person && h('button', { type: 'button', 'data-action': 'reprint', text: t('reprint'), onclick: () => reprint(rid, acts) }));
    kids.push(acts);
  }
  el.result.replaceChildren(...kids.filter(Boolean));
}

const idle = (note) => showResult({ light: 'idle' }, false, note ?? t('ready'));

/* sound: green one short high beep, amber two, red a low buzz */
let audio = null;
function feedback(light) {
  try {
    audio ||= new AudioContext();
    audio.resume();
    const beep = (frequency, at, dur, type = 'sine') => {
      const o = new OscillatorNode(audio, { type, frequency });
      const g = new GainNode(audio, { gain: 0.3 });
      g.gain.setTargetAtTime(0, (at += audio.currentTime) + dur * 0.7, dur / 8);
      o.connect(g).connect(audio.destination);
      o.start(at);
      o.stop(at + dur);
    };
    if (light === 'green') beep(1320, 0, 0.12);
    if (light === 'amber') { beep(660, 0, 0.15); beep(660, 0.25, 0.15); }
    if (light === 'red') beep(150, 0, 0.7, 'square');
  } catch { /* no sound here */ }
  navigator.vibrate?.({ green: 60, amber: [80, 80, 80], red: 400 }[light] || 0);
}

/* supervisor devices: undo, reprint, search */
const errWords = (e) => (e instanceof NetError ? t('no_connection') : e?.status === 404 ? t('not_synced') : e?.message || '?');

function askUndo(a, acts) {
  acts.querySelector('form')?.remove();
  const reason = h('input', { id: 'undo-reason', required: true, maxlength: '200', autocomplete: 'off' });
  const form = h('form', { class: 'undo-form' },
    h('label', { for: 'undo-reason', text: t('undo_reason') }), reason,
    h('div', { class: 'row' },
      h('button', { type: 'submit', text: t('undo_confirm') }),
      h('button', { type: 'button', class: 'secondary', text: t('cancel'), onclick: () => { form.remove(); refocus(); } })));
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    if (!reason.value.trim()) return;
    try {
      if (S.waiting) await sync(); // a scan still queued is not on the server yet
      await api('POST', `/api/v1/checkin/scans/${encodeURIComponent(a.client_id)}/undo`, { reason: reason.value.trim().slice(0, 200) });
      const id = `${a.list}|${a.registration_id}`;
      S.checkins.delete(id);
      await tx(['checkins'], 'readwrite', (s) => s('checkins').delete(id)).catch(() => {});
      showResult({ light: 'idle', outcome: 'undone', person: a.person, registration_id: a.registration_id }, false, t('undone'));
    } catch (e) {
      if (!(e instanceof Revoked)) form.append(h('p', { class: 'error', role: 'alert', text: t('undo_failed', { e: errWords(e) }) }));
    }
    refocus();
  };
  acts.append(form);
  reason.focus();
}

async function reprint(rid, acts) {
  if (!confirm(t('reprint_confirm'))) return refocus();
  try {
    const res = await api('POST', `/api/v1/checkin/people/${rid}/reprint`, undefined, { raw: true, timeout: 30_000 });
    const url = URL.createObjectURL(await res.blob());
    acts.append(h('a', { href: url, target: '_blank', 'data-action': 'open-reprint', text: t('reprint_open') }));
    open(url, '_blank');
    sync(); // the new revocations
  } catch (e) {
    if (!(e instanceof Revoked)) acts.append(h('p', { class: 'error', role: 'alert', text: t('reprint_failed', { e: errWords(e) }) }));
  }
  refocus();
}

const fold = (s) => String(s || '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

async function search(q) {
  let rows = null;
  if (navigator.onLine && S.online) {
    rows = await api('GET', `/api/v1/checkin/search?q=${encodeURIComponent(q)}&list=${encodeURIComponent(S.list)}`, undefined, { timeout: SCAN_TIMEOUT })
      .catch((e) => (e instanceof Revoked ? [] : null));
  }
  rows ??= [...S.people.values()] // offline: the people this device holds
    .filter((p) => fold(`${p.name_native}\n${p.name_latin}`).includes(fold(q))).slice(0, 20)
    .map((person) => ({ person, checked_in: S.checkins.get(`${S.list}|${person.registration_id}`) }));
  if (q !== el.search.value.trim() || !S.token) return; // typed on since
  el.searchResults.replaceChildren(...rows.map(({ person: p, checked_in: c }) => h('li', { 'data-registration': p.registration_id },
    h('div', { class: 'who' },
      h('span', { class: 'n1', dir: 'auto', text: p.name_native }),
      h('span', { class: 'n2', dir: 'auto', text: p.name_latin }),
      h('span', { class: 'n3', dir: 'auto', text: about(p) }),
      c && h('span', { class: 'in', text: `✓ ${t('in_at', { t: fmtTime(c.at), d: c.device_name })}` })),
    h('button', { type: 'button', 'data-action': 'check-in', text: t('check_in'), onclick: () => submit(null, p.registration_id).then(() => search(q)) }))));
  if (!rows.length) el.searchResults.append(h('li', { class: 'empty', text: t('no_match') }));
}

/* camera */
let detectorP = null;

/** The camera's frame reader: BarcodeDetector where it reads QR codes,
 * else our WebAssembly decoder, loaded on first use. */
function detector() {
  detectorP ||= (async () => {
    try {
      if ((await BarcodeDetector.getSupportedFormats()).includes('qr_code')) {
        const bd = new BarcodeDetector({ formats: ['qr_code'] });
        return async (src) => (await bd.detect(src))[0]?.rawValue || null;
      }
    } catch { /* none here: ours */ }
    const mod = await import(new URL('decoder/decoder.js', import.meta.url).href);
    await mod.default();
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    return async (src) => {
      const w0 = src.videoWidth || src.naturalWidth || src.width || 0;
      const h0 = src.videoHeight || src.naturalHeight || src.height || 0;
      if (!w0 || !h0) return null;
      const k = Math.min(1, 640 / w0);
      const w = (canvas.width = Math.max(1, Math.round(w0 * k)));
      const hh = (canvas.height = Math.max(1, Math.round(h0 * k)));
      ctx.drawImage(src, 0, 0, w, hh);
      const { data } = ctx.getImageData(0, 0, w, hh);
      return mod.decode_rgba(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), w, hh) || null;
    };
  })();
  detectorP.catch(() => { detectorP = null; });
  return detectorP;
}

/** A QR's text in an image, video, canvas or ImageBitmap, or null. */
export const decodeImage = async (src) => (await detector())(src);

async function startCamera() {
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    await detector();
  } catch {
    stream?.getTracks().forEach((tr) => tr.stop());
    return idle(t('camera_off'));
  }
  const cam = (S.cam = { stream, timer: 0 });
  el.video.srcObject = stream;
  el.camera.hidden = false;
  el.cameraButton.setAttribute('aria-pressed', 'true');
  el.video.play().catch(() => {});
  const frame = async () => {
    try {
      const text = el.video.readyState >= 2 && (await decodeImage(el.video));
      if (text && S.cam === cam) {
        const again = text === S.camSeen.text && Date.now() - S.camSeen.at < 3000;
        S.camSeen = { text, at: Date.now() }; // a badge held in view is read once
        if (!again) submit(text);
      }
    } catch { /* a bad frame */ }
    if (S.cam === cam) cam.timer = setTimeout(frame, 166); // about 6 frames a second
  };
  frame();
}

function stopCamera() {
  if (!S.cam) return;
  clearTimeout(S.cam.timer);
  S.cam.stream.getTracks().forEach((tr) => tr.stop());
  S.cam = null;
  el.video.srcObject = null;
  el.camera.hidden = true;
  el.cameraButton.setAttribute('aria-pressed', 'false');
}

/* pairing and the shift */
async function pair(raw) {
  const code = String(raw).replace(/[\s-]/g, '').toUpperCase();
  if (!code) return;
  el.pairError.textContent = '…';
  let res;
  try {
    res = await api('POST', '/api/v1/checkin/pair', { code }, { auth: false });
  } catch (e) {
    el.pairError.textContent = e.status === 429 ? t('pair_wait', { n: e.body?.detail ?? 60 })
      : e instanceof HttpError ? t('pair_invalid') : t('pair_failed');
    if (S.token) showResult(answer('red', 'refused'), false, el.pairError.textContent);
    else screen('pair');
    return;
  }
  if (S.token || dbp) { // paired again: the old queue goes up, then nothing old stays
    if (S.token && S.waiting) await uploadQueue().catch(() => {});
    S.token = null;
    await deleteDb();
  }
  el.pairError.textContent = el.pairCode.value = '';
  S.token = res.token;
  localStorage.setItem(TOKEN_KEY, res.token);
  Object.assign(S, blank(), { online: true });
  applyData(res);
  await tx(['meta'], 'readwrite', (s) => { s('meta').put(res.device, 'device'); s('meta').put(res.edition, 'edition'); });
  idle();
  screen('shift');
  await sync();
}

/* --- boot --- */

function bind() {
  for (const n of document.querySelectorAll('[id]')) el[n.id.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = n;
  el.video = el.camera.querySelector('video');
  if (LANG !== 'en') for (const n of document.querySelectorAll('[data-t]')) n.textContent = t(n.dataset.t);
  el.pairForm.onsubmit = (e) => { e.preventDefault(); pair(el.pairCode.value); };
  el.shiftForm.onsubmit = (e) => {
    e.preventDefault();
    S.staff = el.staff.value.trim().slice(0, 80);
    if (!S.staff) return;
    screen('scan');
    idle();
    putMeta('staff', S.staff);
  };
  el.changeStaff.onclick = () => screen('shift');
  el.list.onchange = () => { S.list = el.list.value; putMeta('list', S.list); refocus(); };

  // A hardware scanner types the code like a keyboard, Enter or none.
  let autoTimer = 0;
  el.scanForm.onsubmit = (e) => {
    e.preventDefault();
    clearTimeout(autoTimer);
    submit(el.code.value);
    el.code.value = '';
  };
  el.code.oninput = () => {
    lastInput = performance.now();
    clearTimeout(autoTimer);
    const text = el.code.value;
    // A whole code goes after ~120 ms of quiet, a damaged one later.
    if (/^\s*cf/i.test(text) && text.trim().length >= 100) {
      autoTimer = setTimeout(() => {
        if (el.code.value === text) { el.code.value = ''; submit(text); }
      }, looksComplete(text) ? 120 : 1500);
    }
  };
  el.cameraButton.onclick = () => (S.cam ? stopCamera() : startCamera());

  let searchTimer = 0;
  el.search.oninput = () => {
    clearTimeout(searchTimer);
    const q = el.search.value.trim();
    if (!q) return el.searchResults.replaceChildren();
    searchTimer = setTimeout(() => search(q), 250);
  };

  // Focus returns to the badge code when nothing else holds it, and after
  // a button or the list: a scanner works with no tap first.
  const typing = () => /^(INPUT|TEXTAREA)$/.test(document.activeElement?.tagName);
  document.addEventListener('focusout', () => setTimeout(() => [null, document.body].includes(document.activeElement) && refocus()));
  document.addEventListener('click', (e) => {
    if (e.target.closest?.('button') && !e.target.closest('[data-keep-focus], #pair, #shift')) setTimeout(refocus);
  });
  document.addEventListener('keydown', (e) => { if (!typing() && e.key.length === 1 && e.key !== ' ') refocus(); }, true);

  addEventListener('online', () => { S.online = true; renderStatus(); sync(); });
  addEventListener('offline', () => setOnline(false));
  document.addEventListener('visibilitychange', () => { if (!document.hidden) { tick(); refocus(); } });
}

async function boot() {
  bind();
  window.cfCheckin = { submit, decodeImage, sync, parseCode };
  navigator.serviceWorker?.register('/checkin/sw.js', { scope: '/checkin' }).catch(() => {});
  S.online = navigator.onLine;
  S.token = localStorage.getItem(TOKEN_KEY);
  const m = /(?:^#|&)pair=([^&]+)/.exec(location.hash);
  if (m) history.replaceState(null, '', location.pathname + location.search);
  if (S.token) await loadLocal().catch(console.warn);
  else await deleteDb();
  idle();
  if (m) await pair(decodeURIComponent(m[1]));
  else if (!S.token) screen('pair');
  else {
    screen(S.staff ? 'scan' : 'shift');
    sync();
  }
  setInterval(tick, 5000);
}

if (typeof document !== 'undefined') boot();
