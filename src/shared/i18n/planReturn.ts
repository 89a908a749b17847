// Head office's return file: why one is refused (a stable reason key each,
// docs/plan-package.md, "The return file"). Mounted under `planReturn` in every catalog.
// zh-Hant is the source of the shape.

export const planReturnZhHant = {
  answer: {
    otherRegion: '這份總部回覆是給「{{region}}」的，不是本區域（{{own}}）的報送',
    otherYear: '這份總部回覆是 {{year}} 年計劃的，本區域檔是 {{own}} 年',
    unknownRevision: '本區域檔沒有第 {{revision}} 版報送，這份總部回覆無法對應',
    otherPackage: '這份總部回覆針對的計劃包與本區域檔記錄的第 {{revision}} 版不是同一個（可能是另一台電腦報送的）',
    stale: '第 {{revision}} 版已記錄了總部 {{recorded}} 的回覆，這份回覆（{{decided}}）較舊，未採用',
  },
  reason: {
    notFound: '找不到這個檔案',
    tooLarge: '檔案過大，不是總部回覆檔，拒收',
    notZip: '這不是總部回覆檔：檔案不是 zip 壓縮檔，或已損壞',
    badZip: '總部回覆檔的壓縮格式不受支援（加密、未知的壓縮方式或重複的項目）',
    unsafePath: '總部回覆檔內有不安全的路徑「{{name}}」（絕對路徑或 ..），為安全起見拒收',
    link: '總部回覆檔內的「{{name}}」是連結，為安全起見拒收',
    zipBomb: '總部回覆檔內的「{{name}}」解壓後比它聲明的大（檔案已損壞，或是壓縮炸彈），拒收',
    notReturnFile: '這不是總部回覆檔（缺少 answer.json）',
    missingFile: '總部回覆檔缺少檔案「{{name}}」',
    extraFile: '總部回覆檔內有多餘的檔案「{{name}}」',
    badAnswer: '總部回覆檔的內容不符合格式：{{detail}}',
    unknownFormat: '總部回覆檔的格式版本 {{format}} 不是本程式能讀的',
    badSignature: '總部回覆檔的簽名不符：檔案在簽名後被改動過，或不是這把金鑰簽的',
    keyChanged: '總部回覆檔由另一把金鑰簽名（指紋 {{fingerprint}}，本區域檔記住的總部金鑰是 {{pinned}}）。請向總部確認後再打開',
    altered: '總部回覆檔在寫出後被改動過（簽名以外的位元組不符），拒收',
  },
};

export const planReturnZhHans: typeof planReturnZhHant = {
  answer: {
    otherRegion: '这份总部回复是给“{{region}}”的，不是本区域（{{own}}）的报送',
    otherYear: '这份总部回复是 {{year}} 年计划的，本区域文件是 {{own}} 年',
    unknownRevision: '本区域文件没有第 {{revision}} 版报送，这份总部回复无法对应',
    otherPackage: '这份总部回复针对的计划包与本区域文件记录的第 {{revision}} 版不是同一个（可能是另一台电脑报送的）',
    stale: '第 {{revision}} 版已记录了总部 {{recorded}} 的回复，这份回复（{{decided}}）较旧，未采用',
  },
  reason: {
    notFound: '找不到这个文件',
    tooLarge: '文件过大，不是总部回复文件，拒收',
    notZip: '这不是总部回复文件：文件不是 zip 压缩文件，或已损坏',
    badZip: '总部回复文件的压缩格式不受支持（加密、未知的压缩方式或重复的条目）',
    unsafePath: '总部回复文件内有不安全的路径“{{name}}”（绝对路径或 ..），为安全起见拒收',
    link: '总部回复文件内的“{{name}}”是链接，为安全起见拒收',
    zipBomb: '总部回复文件内的“{{name}}”解压后比它声明的大（文件已损坏，或是压缩炸弹），拒收',
    notReturnFile: '这不是总部回复文件（缺少 answer.json）',
    missingFile: '总部回复文件缺少文件“{{name}}”',
    extraFile: '总部回复文件内有多余的文件“{{name}}”',
    badAnswer: '总部回复文件的内容不符合格式：{{detail}}',
    unknownFormat: '总部回复文件的格式版本 {{format}} 不是本程序能读的',
    badSignature: '总部回复文件的签名不符：文件在签名后被改动过，或不是这把密钥签的',
    keyChanged: '总部回复文件由另一把密钥签名（指纹 {{fingerprint}}，本区域文件记住的总部密钥是 {{pinned}}）。请向总部确认后再打开',
    altered: '总部回复文件在写出后被改动过（签名以外的字节不符），拒收',
  },
};

export const planReturnEn: typeof planReturnZhHant = {
  answer: {
    otherRegion: 'This head-office answer is for "{{region}}", not for a submission of this region ({{own}})',
    otherYear: 'This head-office answer is for the {{year}} plan; this region file plans {{own}}',
    unknownRevision: 'This region file has no submission {{revision}}; the head-office answer matches none of its submissions',
    otherPackage: 'This head-office answer is for another package than the submission {{revision}} this region file logged (perhaps one sent from another computer)',
    stale: 'Submission {{revision}} already has head office\'s answer of {{recorded}}; this one ({{decided}}) is older and was not taken',
  },
  reason: {
    notFound: 'The file does not exist',
    tooLarge: 'The file is too large to be a head-office answer; refused',
    notZip: 'This is not a head-office answer: the file is not a zip archive, or it is damaged',
    badZip: 'The head-office answer uses a zip feature that is not accepted (encryption, an unknown compression method or a repeated entry)',
    unsafePath: 'The head-office answer holds an unsafe path "{{name}}" (absolute or with ..); refused for safety',
    link: 'The head-office answer\'s entry "{{name}}" is a link; refused for safety',
    zipBomb: 'The head-office answer\'s entry "{{name}}" unpacks to more than it declares (damaged, or a zip bomb); refused',
    notReturnFile: 'This is not a head-office answer (it has no answer.json)',
    missingFile: 'The head-office answer lacks the file "{{name}}"',
    extraFile: 'The head-office answer holds an unexpected file "{{name}}"',
    badAnswer: 'The head-office answer is not in the format: {{detail}}',
    unknownFormat: 'The head-office answer\'s format version {{format}} is not one this application reads',
    badSignature: 'The head-office answer\'s signature does not match: the file was changed after signing, or another key signed it',
    keyChanged: 'The head-office answer was signed by another key (fingerprint {{fingerprint}}; this region file knows head office\'s key as {{pinned}}). Check with head office before opening it',
    altered: 'The head-office answer was changed after it was written (bytes outside the signed answer differ); refused',
  },
};
