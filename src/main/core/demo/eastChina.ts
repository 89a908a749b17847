// Real geography of East China (華東) for the demo region: provinces and every
// prefecture-level city with their GB/T 2260 codes (current since 萊蕪 was merged
// into 濟南 in 2019 and 巢湖 became a county-level city in 2011), plus a few
// county-level units. Names are in Traditional Chinese, the app's default language.
//
// `size` is NOT official data: it is a rough relative market-size index (about
// population × income, 上海 = 10) that the demo generator uses to decide how much
// business and how many customers and stores a city gets.

export interface DemoCounty {
  code: string;
  name: string;
}

export interface DemoCity {
  code: string;
  name: string;
  size: number;
  /** Provincial capitals are never made blank areas: no region leaves its capital uncovered. */
  capital?: boolean;
  counties?: readonly DemoCounty[];
}

export interface DemoProvince {
  code: string;
  name: string;
  cities: readonly DemoCity[];
}

export const EAST_CHINA: readonly DemoProvince[] = [
  {
    code: '310000',
    name: '上海市',
    // A municipality: its districts are not prefecture-level cities, so the whole
    // municipality is one city-level unit, coded as its 市轄區 (310100).
    cities: [{ code: '310100', name: '上海市', size: 10, capital: true }],
  },
  {
    code: '320000',
    name: '江蘇省',
    cities: [
      { code: '320100', name: '南京市', size: 6, capital: true },
      {
        code: '320200', name: '無錫市', size: 5,
        counties: [{ code: '320281', name: '江陰市' }, { code: '320282', name: '宜興市' }],
      },
      {
        code: '320300', name: '徐州市', size: 4,
        counties: [
          { code: '320321', name: '豐縣' }, { code: '320322', name: '沛縣' }, { code: '320324', name: '睢寧縣' },
          { code: '320381', name: '新沂市' }, { code: '320382', name: '邳州市' },
        ],
      },
      { code: '320400', name: '常州市', size: 3.5, counties: [{ code: '320481', name: '溧陽市' }] },
      {
        code: '320500', name: '蘇州市', size: 7,
        counties: [
          { code: '320581', name: '常熟市' }, { code: '320582', name: '張家港市' },
          { code: '320583', name: '昆山市' }, { code: '320585', name: '太倉市' },
        ],
      },
      {
        code: '320600', name: '南通市', size: 4,
        counties: [{ code: '320623', name: '如東縣' }, { code: '320681', name: '啟東市' }, { code: '320682', name: '如皋市' }],
      },
      { code: '320700', name: '連雲港市', size: 2 },
      { code: '320800', name: '淮安市', size: 2.2 },
      { code: '320900', name: '鹽城市', size: 3 },
      { code: '321000', name: '揚州市', size: 2.6 },
      { code: '321100', name: '鎮江市', size: 2 },
      { code: '321200', name: '泰州市', size: 2.4 },
      { code: '321300', name: '宿遷市', size: 2 },
    ],
  },
  {
    code: '330000',
    name: '浙江省',
    cities: [
      {
        code: '330100', name: '杭州市', size: 6.5, capital: true,
        counties: [{ code: '330122', name: '桐廬縣' }, { code: '330127', name: '淳安縣' }, { code: '330182', name: '建德市' }],
      },
      {
        code: '330200', name: '寧波市', size: 5,
        counties: [
          { code: '330225', name: '象山縣' }, { code: '330226', name: '寧海縣' },
          { code: '330281', name: '餘姚市' }, { code: '330282', name: '慈溪市' },
        ],
      },
      {
        code: '330300', name: '溫州市', size: 4.5,
        counties: [{ code: '330381', name: '瑞安市' }, { code: '330382', name: '樂清市' }],
      },
      { code: '330400', name: '嘉興市', size: 3 },
      { code: '330500', name: '湖州市', size: 1.8 },
      { code: '330600', name: '紹興市', size: 3 },
      {
        code: '330700', name: '金華市', size: 3.5,
        counties: [
          { code: '330781', name: '蘭溪市' }, { code: '330782', name: '義烏市' },
          { code: '330783', name: '東陽市' }, { code: '330784', name: '永康市' },
        ],
      },
      { code: '330800', name: '衢州市', size: 1.2 },
      { code: '330900', name: '舟山市', size: 0.8 },
      { code: '331000', name: '台州市', size: 3.2 },
      { code: '331100', name: '麗水市', size: 1.2 },
    ],
  },
  {
    code: '340000',
    name: '安徽省',
    cities: [
      {
        code: '340100', name: '合肥市', size: 5, capital: true,
        counties: [
          { code: '340121', name: '長豐縣' }, { code: '340122', name: '肥東縣' }, { code: '340123', name: '肥西縣' },
          { code: '340124', name: '廬江縣' }, { code: '340181', name: '巢湖市' },
        ],
      },
      { code: '340200', name: '蕪湖市', size: 2.2 },
      { code: '340300', name: '蚌埠市', size: 1.8 },
      { code: '340400', name: '淮南市', size: 1.5 },
      { code: '340500', name: '馬鞍山市', size: 1.3 },
      { code: '340600', name: '淮北市', size: 1 },
      { code: '340700', name: '銅陵市', size: 0.8 },
      { code: '340800', name: '安慶市', size: 2 },
      { code: '341000', name: '黃山市', size: 0.8 },
      { code: '341100', name: '滁州市', size: 2 },
      { code: '341200', name: '阜陽市', size: 3 },
      { code: '341300', name: '宿州市', size: 2.2 },
      { code: '341500', name: '六安市', size: 2 },
      { code: '341600', name: '亳州市', size: 2 },
      { code: '341700', name: '池州市', size: 0.7 },
      { code: '341800', name: '宣城市', size: 1.2 },
    ],
  },
  {
    code: '350000',
    name: '福建省',
    cities: [
      {
        code: '350100', name: '福州市', size: 4.5, capital: true,
        counties: [{ code: '350121', name: '閩侯縣' }, { code: '350181', name: '福清市' }],
      },
      { code: '350200', name: '廈門市', size: 3.5 },
      { code: '350300', name: '莆田市', size: 1.8 },
      { code: '350400', name: '三明市', size: 1.1 },
      {
        code: '350500', name: '泉州市', size: 4.5,
        counties: [
          { code: '350521', name: '惠安縣' }, { code: '350524', name: '安溪縣' }, { code: '350581', name: '石獅市' },
          { code: '350582', name: '晉江市' }, { code: '350583', name: '南安市' },
        ],
      },
      { code: '350600', name: '漳州市', size: 2.5 },
      { code: '350700', name: '南平市', size: 1.1 },
      { code: '350800', name: '龍岩市', size: 1.2 },
      { code: '350900', name: '寧德市', size: 1.4 },
    ],
  },
  {
    code: '360000',
    name: '江西省',
    cities: [
      {
        code: '360100', name: '南昌市', size: 3.5, capital: true,
        counties: [{ code: '360121', name: '南昌縣' }, { code: '360124', name: '進賢縣' }],
      },
      { code: '360200', name: '景德鎮市', size: 0.8 },
      { code: '360300', name: '萍鄉市', size: 0.9 },
      { code: '360400', name: '九江市', size: 2 },
      // 新余 replaced the older 新喻 in 1957; the 余 is not the simplified form of 餘,
      // so Traditional Chinese keeps 新余.
      { code: '360500', name: '新余市', size: 0.6 },
      { code: '360600', name: '鷹潭市', size: 0.6 },
      { code: '360700', name: '贛州市', size: 3.5, counties: [{ code: '360781', name: '瑞金市' }] },
      { code: '360800', name: '吉安市', size: 1.8 },
      { code: '360900', name: '宜春市', size: 2 },
      { code: '361000', name: '撫州市', size: 1.5 },
      { code: '361100', name: '上饒市', size: 2.5 },
    ],
  },
  {
    code: '370000',
    name: '山東省',
    cities: [
      { code: '370100', name: '濟南市', size: 5, capital: true },
      {
        code: '370200', name: '青島市', size: 6,
        counties: [{ code: '370281', name: '膠州市' }, { code: '370283', name: '平度市' }, { code: '370285', name: '萊西市' }],
      },
      { code: '370300', name: '淄博市', size: 2.5 },
      { code: '370400', name: '棗莊市', size: 1.5 },
      { code: '370500', name: '東營市', size: 1.5 },
      { code: '370600', name: '煙臺市', size: 3.5 },
      {
        code: '370700', name: '濰坊市', size: 4,
        counties: [{ code: '370781', name: '青州市' }, { code: '370782', name: '諸城市' }, { code: '370783', name: '壽光市' }],
      },
      { code: '370800', name: '濟寧市', size: 3 },
      { code: '370900', name: '泰安市', size: 2 },
      { code: '371000', name: '威海市', size: 1.4 },
      { code: '371100', name: '日照市', size: 1.2 },
      { code: '371300', name: '臨沂市', size: 4 },
      { code: '371400', name: '德州市', size: 2.2 },
      { code: '371500', name: '聊城市', size: 2.2 },
      { code: '371600', name: '濱州市', size: 1.6 },
      { code: '371700', name: '菏澤市', size: 3 },
    ],
  },
];
