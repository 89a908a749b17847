// Head office's words: the regions' states, why head office refuses a package beyond
// the package's own checks (planPackage.reason.*), and the status board's warnings.
// Mounted under `hq` in every catalog. zh-Hant is the source of the shape.

export const hqZhHant = {
  accepted: '已收下 {{region}} 第 {{revision}} 版（{{rows}} 行計劃）',
  registered: '總部已登記「{{region}}」為本次匯總的區域',
  keyAccepted: '總部已接受新金鑰 {{fingerprint}}（取代 {{pinned}}）',
  state: { pending: '未報送', submitted: '已報送', returned: '退回', confirmed: '已確認' },
  reason: {
    wrongYear: '計劃包是 {{year}} 年的計劃，本次匯總是 {{cycleYear}} 年',
    unknownRegion: '「{{region}}」不在本次匯總預期的區域之中；如確屬本次匯總，請由總部登記後再收',
    regionNameTaken: '已有另一個同名的區域「{{region}}」（不同的區域檔），拒收',
    keyChanged: '「{{region}}」的計劃包由另一把金鑰簽名（指紋 {{fingerprint}}，已登記 {{pinned}}）；確認是該區域換了電腦後，可明確接受新金鑰',
    regionConfirmed: '「{{region}}」第 {{revision}} 版已確認為定稿；總部重新開放之前不再收新版',
    replayed: '這個計劃包（{{packageId}}）已經收過，重複送達的計劃包拒收',
    revisionNotNewer: '計劃包是第 {{revision}} 版，不比已收下的第 {{accepted}} 版新，拒收',
    skipsRevision: '計劃包第 {{revision}} 版聲明取代第 {{replaces}} 版，但已收下的是第 {{accepted}} 版，拒收',
    stale: '計劃包的簽發時間 {{createdAt}} 早於已收下版本的 {{acceptedAt}}，可能是舊檔，拒收',
    notReceived: '「{{region}}」還沒有收下的計劃包',
    notSubmitted: '「{{region}}」目前是「{{state}}」，只有已報送的版本能退回或確認',
    notConfirmed: '「{{region}}」目前是「{{state}}」，不是已確認，無須重新開放',
    notFoundRegion: '找不到區域「{{region}}」',
  },
  warning: {
    gapYear: '全年計劃與總部目標相差 {{gap}}，超出容差 {{tolerance}}',
    gapMonth: '{{month}} 月計劃與總部目標相差 {{gap}}，超出容差 {{tolerance}}',
    expenseOverCap: '費用率 {{ratio}} 超過上限 {{cap}}',
    replacesUnseen: '第 {{revision}} 版聲明取代第 {{replaces}} 版，但總部沒有收過之前的版本',
    noTarget: '總部尚未下達目標',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type HqMessages = Shape<typeof hqZhHant>;

export const hqZhHans: HqMessages = {
  accepted: '已收下 {{region}} 第 {{revision}} 版（{{rows}} 行计划）',
  registered: '总部已登记“{{region}}”为本次汇总的区域',
  keyAccepted: '总部已接受新密钥 {{fingerprint}}（取代 {{pinned}}）',
  state: { pending: '未报送', submitted: '已报送', returned: '退回', confirmed: '已确认' },
  reason: {
    wrongYear: '计划包是 {{year}} 年的计划，本次汇总是 {{cycleYear}} 年',
    unknownRegion: '“{{region}}”不在本次汇总预期的区域之中；如确属本次汇总，请由总部登记后再收',
    regionNameTaken: '已有另一个同名的区域“{{region}}”（不同的区域文件），拒收',
    keyChanged: '“{{region}}”的计划包由另一把密钥签名（指纹 {{fingerprint}}，已登记 {{pinned}}）；确认是该区域换了电脑后，可明确接受新密钥',
    regionConfirmed: '“{{region}}”第 {{revision}} 版已确认为定稿；总部重新开放之前不再收新版',
    replayed: '这个计划包（{{packageId}}）已经收过，重复送达的计划包拒收',
    revisionNotNewer: '计划包是第 {{revision}} 版，不比已收下的第 {{accepted}} 版新，拒收',
    skipsRevision: '计划包第 {{revision}} 版声明取代第 {{replaces}} 版，但已收下的是第 {{accepted}} 版，拒收',
    stale: '计划包的签发时间 {{createdAt}} 早于已收下版本的 {{acceptedAt}}，可能是旧文件，拒收',
    notReceived: '“{{region}}”还没有收下的计划包',
    notSubmitted: '“{{region}}”目前是“{{state}}”，只有已报送的版本能退回或确认',
    notConfirmed: '“{{region}}”目前是“{{state}}”，不是已确认，无须重新开放',
    notFoundRegion: '找不到区域“{{region}}”',
  },
  warning: {
    gapYear: '全年计划与总部目标相差 {{gap}}，超出容差 {{tolerance}}',
    gapMonth: '{{month}} 月计划与总部目标相差 {{gap}}，超出容差 {{tolerance}}',
    expenseOverCap: '费用率 {{ratio}} 超过上限 {{cap}}',
    replacesUnseen: '第 {{revision}} 版声明取代第 {{replaces}} 版，但总部没有收过之前的版本',
    noTarget: '总部尚未下达目标',
  },
};

export const hqEn: HqMessages = {
  accepted: 'Accepted {{region}} revision {{revision}} ({{rows}} plan rows)',
  registered: 'head office registered “{{region}}” for this consolidation',
  keyAccepted: 'head office accepted the new key {{fingerprint}} (in place of {{pinned}})',
  state: { pending: 'Not submitted', submitted: 'Submitted', returned: 'Returned', confirmed: 'Confirmed' },
  reason: {
    wrongYear: 'The package plans {{year}}; this consolidation is for {{cycleYear}}',
    unknownRegion: '“{{region}}” is not one of the regions this consolidation expects; register it first if it belongs here',
    regionNameTaken: 'Another region named “{{region}}” (a different region file) is already here; refused',
    keyChanged: 'The package of “{{region}}” is signed by another key (fingerprint {{fingerprint}}, pinned {{pinned}}); once you know the region changed computers, accept the new key explicitly',
    regionConfirmed: 'Revision {{revision}} of “{{region}}” is confirmed as the version of record; no new revision until head office reopens it',
    replayed: 'This package ({{packageId}}) was already received; a package delivered again is refused',
    revisionNotNewer: 'The package is revision {{revision}}, not newer than the accepted revision {{accepted}}; refused',
    skipsRevision: 'Revision {{revision}} claims to replace revision {{replaces}}, but the accepted one is {{accepted}}; refused',
    stale: 'The package was issued at {{createdAt}}, before the accepted revision ({{acceptedAt}}): probably an old file; refused',
    notReceived: 'No package of “{{region}}” has been accepted',
    notSubmitted: '“{{region}}” is {{state}}: only a submitted revision can be returned or confirmed',
    notConfirmed: '“{{region}}” is {{state}}, not confirmed: there is nothing to reopen',
    notFoundRegion: 'No region “{{region}}”',
  },
  warning: {
    gapYear: 'The year’s plan is {{gap}} off head office’s target, beyond the tolerance of {{tolerance}}',
    gapMonth: 'Month {{month}}’s plan is {{gap}} off head office’s target, beyond the tolerance of {{tolerance}}',
    expenseOverCap: 'Expense ratio {{ratio}} is above the cap of {{cap}}',
    replacesUnseen: 'Revision {{revision}} claims to replace revision {{replaces}}, which head office never received',
    noTarget: 'Head office has not set this region’s target',
  },
};
