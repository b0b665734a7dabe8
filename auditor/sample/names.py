"""Pools the synthetic sample draws from: names, places, companies, networks, devices.

Everything here is plain data. Pinyin is written out next to each character (rather
than computed with pypinyin) so a character always has the one reading the sample
means, and so generating a million names costs a table lookup, not a dictionary walk.
"""

from __future__ import annotations

from typing import Final

# --- people -----------------------------------------------------------------------------

#: (surname, pinyin, relative frequency) — the commonest Chinese surnames.
SURNAMES: Final = (
    ("王", "Wang", 72), ("李", "Li", 70), ("张", "Zhang", 66), ("刘", "Liu", 52),
    ("陈", "Chen", 45), ("杨", "Yang", 33), ("黄", "Huang", 25), ("赵", "Zhao", 22),
    ("吴", "Wu", 21), ("周", "Zhou", 20), ("徐", "Xu", 14), ("孙", "Sun", 13),
    ("马", "Ma", 12), ("朱", "Zhu", 12), ("胡", "Hu", 11), ("郭", "Guo", 11),
    ("何", "He", 9), ("林", "Lin", 9), ("罗", "Luo", 9), ("高", "Gao", 9), ("郑", "Zheng", 8),
    ("梁", "Liang", 7), ("谢", "Xie", 7), ("宋", "Song", 6), ("唐", "Tang", 6),
    ("许", "Xu", 6), ("韩", "Han", 5), ("冯", "Feng", 5), ("邓", "Deng", 5), ("曹", "Cao", 5),
    ("彭", "Peng", 5), ("曾", "Zeng", 5), ("肖", "Xiao", 5), ("田", "Tian", 4),
    ("董", "Dong", 4), ("袁", "Yuan", 4), ("潘", "Pan", 4), ("于", "Yu", 4), ("蒋", "Jiang", 4),
    ("蔡", "Cai", 4), ("余", "Yu", 4), ("杜", "Du", 4), ("叶", "Ye", 4), ("程", "Cheng", 4),
    ("苏", "Su", 3), ("魏", "Wei", 3), ("丁", "Ding", 3), ("任", "Ren", 3), ("沈", "Shen", 3),
    ("姚", "Yao", 3), ("卢", "Lu", 3), ("姜", "Jiang", 3), ("崔", "Cui", 3), ("钟", "Zhong", 3),
    ("谭", "Tan", 3), ("陆", "Lu", 3), ("汪", "Wang", 3), ("范", "Fan", 3), ("金", "Jin", 3),
    ("石", "Shi", 3), ("廖", "Liao", 3), ("贾", "Jia", 2), ("夏", "Xia", 2), ("韦", "Wei", 2),
    ("付", "Fu", 2), ("方", "Fang", 2), ("白", "Bai", 2), ("邹", "Zou", 2), ("孟", "Meng", 2),
    ("熊", "Xiong", 2), ("秦", "Qin", 2), ("邱", "Qiu", 2), ("江", "Jiang", 2), ("尹", "Yin", 2),
    ("薛", "Xue", 2), ("段", "Duan", 2), ("雷", "Lei", 2), ("侯", "Hou", 2), ("龙", "Long", 2),
    ("史", "Shi", 2), ("陶", "Tao", 2), ("黎", "Li", 2), ("贺", "He", 2), ("顾", "Gu", 2),
    ("毛", "Mao", 2), ("郝", "Hao", 2), ("龚", "Gong", 2), ("邵", "Shao", 2), ("万", "Wan", 2),
    ("钱", "Qian", 2), ("严", "Yan", 2), ("武", "Wu", 2), ("戴", "Dai", 2), ("莫", "Mo", 2),
    ("孔", "Kong", 2), ("向", "Xiang", 2), ("汤", "Tang", 2),
)  # fmt: skip

#: Characters of given names, each with its one reading.
GIVEN_CHARS: Final = (
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"),
    ("强", "qiang"), ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"),
    ("艳", "yan"), ("杰", "jie"), ("娟", "juan"), ("涛", "tao"), ("明", "ming"),
    ("超", "chao"), ("秀", "xiu"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
    ("桂", "gui"), ("英", "ying"), ("华", "hua"), ("玉", "yu"), ("萍", "ping"), ("红", "hong"),
    ("鹏", "peng"), ("辉", "hui"), ("建", "jian"), ("文", "wen"), ("斌", "bin"), ("宇", "yu"),
    ("浩", "hao"), ("凯", "kai"), ("健", "jian"), ("俊", "jun"), ("帆", "fan"),
    ("帅", "shuai"), ("旭", "xu"), ("宁", "ning"), ("林", "lin"), ("欣", "xin"), ("佳", "jia"),
    ("晨", "chen"), ("晶", "jing"), ("婷", "ting"), ("雪", "xue"), ("琳", "lin"), ("慧", "hui"),
    ("颖", "ying"), ("倩", "qian"), ("悦", "yue"), ("思", "si"), ("雨", "yu"), ("子", "zi"),
    ("梓", "zi"), ("轩", "xuan"), ("涵", "han"), ("博", "bo"), ("嘉", "jia"), ("志", "zhi"),
    ("国", "guo"), ("海", "hai"), ("波", "bo"), ("峰", "feng"), ("春", "chun"), ("立", "li"),
    ("东", "dong"), ("飞", "fei"), ("新", "xin"), ("永", "yong"), ("兵", "bing"),
    ("晓", "xiao"), ("小", "xiao"), ("亮", "liang"), ("成", "cheng"), ("家", "jia"),
    ("天", "tian"), ("振", "zhen"), ("荣", "rong"), ("瑞", "rui"), ("泽", "ze"), ("然", "ran"),
    ("宏", "hong"), ("德", "de"), ("清", "qing"), ("雅", "ya"), ("琪", "qi"), ("璐", "lu"),
    ("冰", "bing"), ("月", "yue"), ("梅", "mei"), ("兰", "lan"), ("燕", "yan"), ("莉", "li"),
    ("彬", "bin"), ("鑫", "xin"), ("昊", "hao"), ("铭", "ming"), ("毅", "yi"), ("诗", "shi"),
    ("欢", "huan"), ("坤", "kun"), ("云", "yun"), ("松", "song"), ("舒", "shu"), ("茜", "qian"),
)  # fmt: skip

#: The commonest full names in China — unrelated legal representatives share them.
COMMON_NAMES: Final = (
    ("张", "伟"), ("王", "伟"), ("王", "芳"), ("李", "伟"), ("李", "娜"), ("张", "敏"),
    ("李", "静"), ("王", "静"), ("刘", "伟"), ("王", "秀英"), ("张", "丽"), ("刘", "洋"),
    ("李", "强"), ("王", "磊"), ("张", "勇"), ("李", "军"),
)  # fmt: skip

#: Latin names for the few owners who are not Chinese (or use an English legal name).
FIRST_NAMES: Final = (
    "John", "Michael", "David", "James", "Robert", "William", "Daniel", "Kevin", "Jason",
    "Eric", "Steven", "Brian", "Mark", "Paul", "Andrew", "Ryan", "Jennifer", "Linda",
    "Sarah", "Jessica", "Emily", "Amy", "Michelle", "Lisa", "Karen", "Nancy", "Grace",
    "Helen", "Cindy", "Vivian", "Thomas", "Peter", "Oliver", "Sophie", "Emma", "Lukas",
)  # fmt: skip
LAST_NAMES: Final = (
    "Smith", "Johnson", "Brown", "Wilson", "Miller", "Davis", "Garcia", "Taylor", "Moore",
    "Anderson", "Thomas", "Jackson", "White", "Harris", "Martin", "Clark", "Lewis", "Walker",
    "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill",
    "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Schmidt",
)  # fmt: skip
#: Latin names that unrelated owners share.
COMMON_LATIN_NAMES: Final = (
    ("John", "Smith"), ("Michael", "Brown"), ("David", "Wilson"), ("James", "Smith"),
    ("Jennifer", "Johnson"),
)  # fmt: skip

# --- companies --------------------------------------------------------------------------

#: Characters of company "字号" (trade names). Each has a different toneless pinyin
#: syllable starting with a consonant, so "Lan"+"yue" cannot also be read another way and
#: English renderings of different trade names never collide.
BRAND_CHARS: Final = (
    ("百", "bai"), ("邦", "bang"), ("宝", "bao"), ("贝", "bei"), ("本", "ben"), ("碧", "bi"),
    ("滨", "bin"), ("博", "bo"), ("步", "bu"), ("彩", "cai"), ("灿", "can"), ("苍", "cang"),
    ("策", "ce"), ("畅", "chang"), ("超", "chao"), ("辰", "chen"), ("诚", "cheng"),
    ("驰", "chi"), ("崇", "chong"), ("楚", "chu"), ("川", "chuan"), ("创", "chuang"),
    ("春", "chun"), ("慈", "ci"), ("聪", "cong"), ("翠", "cui"), ("存", "cun"), ("达", "da"),
    ("黛", "dai"), ("丹", "dan"), ("德", "de"), ("登", "deng"), ("迪", "di"), ("典", "dian"),
    ("鼎", "ding"), ("东", "dong"), ("笃", "du"), ("端", "duan"), ("盾", "dun"), ("朵", "duo"),
    ("帆", "fan"), ("方", "fang"), ("飞", "fei"), ("芬", "fen"), ("丰", "feng"), ("福", "fu"),
    ("高", "gao"), ("歌", "ge"), ("根", "gen"), ("耕", "geng"), ("古", "gu"), ("冠", "guan"),
    ("光", "guang"), ("贵", "gui"), ("国", "guo"), ("海", "hai"), ("瀚", "han"),
    ("航", "hang"), ("豪", "hao"), ("禾", "he"), ("恒", "heng"), ("宏", "hong"), ("厚", "hou"),
    ("虎", "hu"), ("华", "hua"), ("怀", "huai"), ("欢", "huan"), ("煌", "huang"),
    ("辉", "hui"), ("火", "huo"), ("吉", "ji"), ("佳", "jia"), ("健", "jian"), ("江", "jiang"),
    ("骄", "jiao"), ("杰", "jie"), ("金", "jin"), ("晶", "jing"), ("久", "jiu"), ("聚", "ju"),
    ("爵", "jue"), ("骏", "jun"), ("凯", "kai"), ("康", "kang"), ("可", "ke"), ("酷", "ku"),
    ("快", "kuai"), ("宽", "kuan"), ("坤", "kun"), ("阔", "kuo"), ("莱", "lai"), ("蓝", "lan"),
    ("朗", "lang"), ("蕾", "lei"), ("力", "li"), ("联", "lian"), ("亮", "liang"), ("林", "lin"),
    ("灵", "ling"), ("柳", "liu"), ("龙", "long"), ("路", "lu"), ("洛", "luo"), ("玛", "ma"),
    ("迈", "mai"), ("满", "man"), ("芒", "mang"), ("茂", "mao"), ("美", "mei"), ("萌", "meng"),
    ("米", "mi"), ("棉", "mian"), ("妙", "miao"), ("敏", "min"), ("明", "ming"), ("墨", "mo"),
    ("木", "mu"), ("纳", "na"), ("南", "nan"), ("能", "neng"), ("妮", "ni"), ("年", "nian"),
    ("宁", "ning"), ("牛", "niu"), ("诺", "nuo"), ("派", "pai"), ("攀", "pan"), ("沛", "pei"),
    ("鹏", "peng"), ("品", "pin"), ("平", "ping"), ("普", "pu"), ("琪", "qi"), ("千", "qian"),
    ("巧", "qiao"), ("勤", "qin"), ("青", "qing"), ("秋", "qiu"), ("全", "quan"), ("群", "qun"),
    ("然", "ran"), ("仁", "ren"), ("荣", "rong"), ("柔", "rou"), ("如", "ru"), ("瑞", "rui"),
    ("润", "run"), ("若", "ruo"), ("赛", "sai"), ("森", "sen"), ("沙", "sha"), ("山", "shan"),
    ("尚", "shang"), ("韶", "shao"), ("深", "shen"), ("盛", "sheng"), ("时", "shi"),
    ("首", "shou"), ("舒", "shu"), ("爽", "shuang"), ("水", "shui"), ("顺", "shun"),
    ("硕", "shuo"), ("思", "si"), ("松", "song"), ("速", "su"), ("穗", "sui"), ("泰", "tai"),
    ("堂", "tang"), ("涛", "tao"), ("腾", "teng"), ("天", "tian"), ("庭", "ting"),
    ("通", "tong"), ("途", "tu"), ("拓", "tuo"), ("万", "wan"), ("旺", "wang"), ("威", "wei"),
    ("文", "wen"), ("沃", "wo"), ("悟", "wu"), ("希", "xi"), ("夏", "xia"), ("鲜", "xian"),
    ("祥", "xiang"), ("骁", "xiao"), ("协", "xie"), ("欣", "xin"), ("星", "xing"),
    ("雄", "xiong"), ("秀", "xiu"), ("旭", "xu"), ("轩", "xuan"), ("雪", "xue"), ("讯", "xun"),
    ("雅", "ya"), ("岩", "yan"), ("扬", "yang"), ("耀", "yao"), ("叶", "ye"), ("易", "yi"),
    ("银", "yin"), ("盈", "ying"), ("永", "yong"), ("优", "you"), ("宇", "yu"), ("源", "yuan"),
    ("月", "yue"), ("云", "yun"), ("载", "zai"), ("赞", "zan"), ("泽", "ze"), ("增", "zeng"),
    ("展", "zhan"), ("章", "zhang"), ("昭", "zhao"), ("哲", "zhe"), ("臻", "zhen"),
    ("正", "zheng"), ("智", "zhi"), ("中", "zhong"), ("舟", "zhou"), ("竹", "zhu"),
    ("卓", "zhuo"), ("紫", "zi"), ("宗", "zong"), ("尊", "zun"), ("佐", "zuo"),
)  # fmt: skip

#: Trade-name characters that sound alike: look-alike companies of different owners.
SOUND_ALIKE: Final = (
    ("月", "云"), ("辰", "诚"), ("星", "欣"), ("林", "灵"), ("明", "敏"), ("华", "辉"),
    ("宏", "恒"), ("佳", "吉"), ("源", "云"), ("盛", "尚"), ("凯", "康"),
)  # fmt: skip

#: (Chinese industry, English rendering, short English word for US/UK entity names).
INDUSTRIES: Final = (
    ("科技", "Technology", "Tech"), ("贸易", "Trading", "Trading"),
    ("电子商务", "E-commerce", "Commerce"), ("进出口", "Import and Export", "Global"),
    ("实业", "Industrial", "Industries"), ("网络科技", "Network Technology", "Networks"),
    ("供应链管理", "Supply Chain Management", "Supply"), ("电子", "Electronics", "Electronics"),
    ("家居用品", "Household Products", "Home"), ("服饰", "Apparel", "Apparel"),
    ("智能科技", "Intelligent Technology", "Smart"), ("商贸", "Commerce and Trade", "Goods"),
    ("电子科技", "Electronic Technology", "Digital"),
    ("国际贸易", "International Trading", "International"),
    ("信息技术", "Information Technology", "Info Tech"),
    ("文化传播", "Culture Communication", "Media"),
)  # fmt: skip

# --- places -----------------------------------------------------------------------------

#: (city, pinyin, province, province pinyin, USCC division code, postcode prefix)
CITIES: Final = (
    ("深圳", "Shenzhen", "广东", "Guangdong", "440300", "518"),
    ("广州", "Guangzhou", "广东", "Guangdong", "440100", "510"),
    ("东莞", "Dongguan", "广东", "Guangdong", "441900", "523"),
    ("佛山", "Foshan", "广东", "Guangdong", "440600", "528"),
    ("杭州", "Hangzhou", "浙江", "Zhejiang", "330100", "310"),
    ("义乌", "Yiwu", "浙江", "Zhejiang", "330782", "322"),
    ("宁波", "Ningbo", "浙江", "Zhejiang", "330200", "315"),
    ("厦门", "Xiamen", "福建", "Fujian", "350200", "361"),
    ("福州", "Fuzhou", "福建", "Fujian", "350100", "350"),
    ("泉州", "Quanzhou", "福建", "Fujian", "350500", "362"),
    ("长沙", "Changsha", "湖南", "Hunan", "430100", "410"),
    ("武汉", "Wuhan", "湖北", "Hubei", "420100", "430"),
    ("郑州", "Zhengzhou", "河南", "Henan", "410100", "450"),
    ("成都", "Chengdu", "四川", "Sichuan", "510100", "610"),
)

#: (city, district, English district, road, English road): streets of the cities above.
ROADS: Final = (
    ("深圳", "南山区", "Nanshan District", "科苑路", "Keyuan Road"),
    ("深圳", "南山区", "Nanshan District", "深南大道", "Shennan Avenue"),
    ("深圳", "南山区", "Nanshan District", "南海大道", "Nanhai Avenue"),
    ("深圳", "南山区", "Nanshan District", "高新南一道", "Gaoxin South 1st Road"),
    ("深圳", "福田区", "Futian District", "华强北路", "Huaqiang North Road"),
    ("深圳", "福田区", "Futian District", "福华三路", "Fuhua 3rd Road"),
    ("深圳", "福田区", "Futian District", "车公庙泰然九路", "Tairan 9th Road"),
    ("深圳", "宝安区", "Bao'an District", "宝安大道", "Bao'an Avenue"),
    ("深圳", "宝安区", "Bao'an District", "新湖路", "Xinhu Road"),
    ("深圳", "宝安区", "Bao'an District", "航城大道", "Hangcheng Avenue"),
    ("深圳", "龙华区", "Longhua District", "民治大道", "Minzhi Avenue"),
    ("深圳", "龙华区", "Longhua District", "梅龙大道", "Meilong Avenue"),
    ("深圳", "龙岗区", "Longgang District", "五和大道", "Wuhe Avenue"),
    ("深圳", "龙岗区", "Longgang District", "布吉路", "Buji Road"),
    ("深圳", "龙岗区", "Longgang District", "坂雪岗大道", "Banxuegang Avenue"),
    ("广州", "天河区", "Tianhe District", "天河路", "Tianhe Road"),
    ("广州", "天河区", "Tianhe District", "黄埔大道西", "Huangpu Avenue West"),
    ("广州", "白云区", "Baiyun District", "机场路", "Jichang Road"),
    ("广州", "白云区", "Baiyun District", "白云大道北", "Baiyun Avenue North"),
    ("广州", "番禺区", "Panyu District", "市桥街光明北路", "Guangming North Road"),
    ("广州", "番禺区", "Panyu District", "汉溪大道", "Hanxi Avenue"),
    ("东莞", "南城街道", "Nancheng Subdistrict", "鸿福路", "Hongfu Road"),
    ("东莞", "南城街道", "Nancheng Subdistrict", "宏图路", "Hongtu Road"),
    ("东莞", "长安镇", "Chang'an Town", "长青南路", "Changqing South Road"),
    ("佛山", "南海区", "Nanhai District", "桂城南海大道北", "Nanhai Avenue North"),
    ("佛山", "顺德区", "Shunde District", "大良街道德和路", "Dehe Road"),
    ("杭州", "余杭区", "Yuhang District", "文一西路", "Wenyi West Road"),
    ("杭州", "余杭区", "Yuhang District", "五常大道", "Wuchang Avenue"),
    ("杭州", "滨江区", "Binjiang District", "网商路", "Wangshang Road"),
    ("杭州", "滨江区", "Binjiang District", "江南大道", "Jiangnan Avenue"),
    ("义乌", "稠城街道", "Choucheng Subdistrict", "工人西路", "Gongren West Road"),
    ("义乌", "稠城街道", "Choucheng Subdistrict", "宾王路", "Binwang Road"),
    ("义乌", "福田街道", "Futian Subdistrict", "国际商贸城", "International Trade City"),
    ("宁波", "鄞州区", "Yinzhou District", "天童南路", "Tiantong South Road"),
    ("宁波", "鄞州区", "Yinzhou District", "首南中路", "Shounan Middle Road"),
    ("厦门", "思明区", "Siming District", "湖滨南路", "Hubin South Road"),
    ("厦门", "思明区", "Siming District", "软件园二期观日路", "Guanri Road"),
    ("厦门", "湖里区", "Huli District", "枋湖北二路", "Fanghu North 2nd Road"),
    ("福州", "鼓楼区", "Gulou District", "五四路", "Wusi Road"),
    ("福州", "鼓楼区", "Gulou District", "杨桥中路", "Yangqiao Middle Road"),
    ("泉州", "丰泽区", "Fengze District", "田安南路", "Tian'an South Road"),
    ("长沙", "岳麓区", "Yuelu District", "麓谷大道", "Lugu Avenue"),
    ("长沙", "芙蓉区", "Furong District", "五一大道", "Wuyi Avenue"),
    ("武汉", "洪山区", "Hongshan District", "光谷大道", "Guanggu Avenue"),
    ("武汉", "洪山区", "Hongshan District", "珞喻路", "Luoyu Road"),
    ("郑州", "金水区", "Jinshui District", "花园路", "Huayuan Road"),
    ("郑州", "金水区", "Jinshui District", "农业路", "Nongye Road"),
    ("成都", "武侯区", "Wuhou District", "天府大道北段", "Tianfu Avenue North"),
    ("成都", "高新区", "Gaoxin District", "交子大道", "Jiaozi Avenue"),
)  # fmt: skip

#: Relative weight of each city: Shenzhen dominates cross-border e-commerce.
CITY_WEIGHTS: Final = (40, 12, 8, 4, 7, 6, 4, 5, 2, 3, 3, 2, 2, 2)

#: Resident-ID area codes (6 digits) — where legal representatives were born — and the
#: first birth year the code was in use (python-stdnum's table of county codes).
ID_AREA_CODES: Final = (
    ("440305", 1983), ("440304", 1983), ("440106", 1985), ("441900", 1988), ("350203", 1983),
    ("330106", 1983), ("430102", 1983), ("420106", 1983), ("360102", 1983), ("410105", 1983),
    ("450103", 1983), ("362502", 1987), ("441302", 1988), ("430524", 1986), ("412726", 1965),
    ("440303", 1983), ("440104", 1983), ("441202", 1988), ("442000", 1988), ("330102", 1983),
    ("330203", 1983), ("350102", 1983), ("350206", 1987), ("420111", 1983), ("410102", 1983),
    ("360103", 1983), ("340104", 1983), ("320106", 1983), ("310110", 1965), ("110105", 1965),
    ("350521", 1985), ("350525", 1985), ("441821", 1988), ("441622", 1988), ("360121", 1965),
    ("430121", 1965), ("510129", 1983), ("340822", 1988),
)  # fmt: skip

#: (street, street spelled out, city, state, ZIP) — where overseas owners live.
US_STREETS: Final = (
    ("Main St", "Main Street", "Flushing", "NY", "11355"),
    ("Kissena Blvd", "Kissena Boulevard", "Flushing", "NY", "11355"),
    ("Roosevelt Ave", "Roosevelt Avenue", "Flushing", "NY", "11354"),
    ("8th Ave", "8th Avenue", "Brooklyn", "NY", "11220"),
    ("Valley Blvd", "Valley Boulevard", "San Gabriel", "CA", "91776"),
    ("Garvey Ave", "Garvey Avenue", "Monterey Park", "CA", "91754"),
    ("Atlantic Blvd", "Atlantic Boulevard", "Alhambra", "CA", "91801"),
    ("Culver Dr", "Culver Drive", "Irvine", "CA", "92604"),
    ("Fremont Blvd", "Fremont Boulevard", "Fremont", "CA", "94538"),
    ("Stevens Creek Blvd", "Stevens Creek Boulevard", "Cupertino", "CA", "95014"),
    ("Oak Tree Rd", "Oak Tree Road", "Edison", "NJ", "08820"),
    ("Bellaire Blvd", "Bellaire Boulevard", "Houston", "TX", "77036"),
    ("Pleasant Hill Rd", "Pleasant Hill Road", "Duluth", "GA", "30096"),
    ("NE 8th St", "NE 8th Street", "Bellevue", "WA", "98004"),
)  # fmt: skip
UK_STREETS: Final = (
    ("Baker Street", "London", "NW1 6XE"), ("Commercial Road", "London", "E1 1LN"),
    ("Deansgate", "Manchester", "M3 4LQ"), ("Hurst Street", "Birmingham", "B5 4TD"),
    ("Charing Cross Road", "London", "WC2H 0HF"), ("Dale Street", "Liverpool", "L2 2HF"),
)  # fmt: skip

#: Registered-agent and virtual-office addresses: thousands of unrelated companies use
#: each one. (text, has_unit): with has_unit the ``{}`` is filled with a suite number.
REGISTERED_AGENTS_US: Final = (
    ("30 N Gould St Ste R, Sheridan, WY 82801", False),
    ("1309 Coffeen Ave Ste {}, Sheridan, WY 82801", True),
    ("8 The Green Ste {}, Dover, DE 19901", True),
    ("2035 Sunset Lake Rd Ste B-2, Newark, DE 19702", False),
    ("1201 N Orange St Ste {}, Wilmington, DE 19801", True),
)  # fmt: skip
VIRTUAL_OFFICES_UK: Final = (
    ("71-75 Shelton Street, Covent Garden, London, WC2H 9JQ", False),
    ("20-22 Wenlock Road, London, N1 7GU", False),
    ("Suite {}, 34-35 Hatton Garden, London, EC1N 8DX", True),
)  # fmt: skip
#: Business-secretary addresses and co-working buildings in China.
SHARED_OFFICES_CN: Final = (
    ("深圳市前海深港合作区前湾一路1号A栋201室（入驻深圳市前海商务秘书有限公司）", False),
    ("深圳市龙岗区坂田街道天安云谷产业园一期3栋C座{}室", True),
    ("深圳市南山区粤海街道科技南路18号深圳湾科技生态园12栋裙楼{}", True),
    ("广州市天河区珠江新城华夏路10号富力中心{}室", True),
    ("义乌市稠城街道工人西路9号电商孵化园{}室", True),
)  # fmt: skip

# --- shops and marketplaces ----------------------------------------------------------

#: (marketplace, weight, Chinese name, region sheet, seller central domain, country)
MARKETPLACES: Final = (
    ("US", 40, "美国站", "北美", "sellercentral.amazon.com", "us"),
    ("UK", 12, "英国站", "欧洲及其他", "sellercentral.amazon.co.uk", "gb"),
    ("DE", 12, "德国站", "欧洲及其他", "sellercentral.amazon.de", "de"),
    ("JP", 8, "日本站", "欧洲及其他", "sellercentral.amazon.co.jp", "jp"),
    ("CA", 8, "加拿大站", "北美", "sellercentral.amazon.ca", "ca"),
    ("FR", 4, "法国站", "欧洲及其他", "sellercentral.amazon.fr", "fr"),
    ("IT", 4, "意大利站", "欧洲及其他", "sellercentral.amazon.it", "it"),
    ("ES", 4, "西班牙站", "欧洲及其他", "sellercentral.amazon.es", "es"),
    ("MX", 3, "墨西哥站", "北美", "sellercentral.amazon.com.mx", "mx"),
    ("AU", 3, "澳洲站", "欧洲及其他", "sellercentral.amazon.com.au", "au"),
    ("AE", 2, "阿联酋站", "欧洲及其他", "sellercentral.amazon.ae", "ae"),
)  # fmt: skip
EU_MARKETPLACES: Final = frozenset({"UK", "DE", "FR", "IT", "ES"})

#: (English, Chinese) account statuses.
STATUSES: Final = (("Active", "正常"), ("Suspended", "冻结"), ("Closed", "已关闭"),
                   ("Under Review", "审核中"))

STORE_WORDS_A: Final = (
    "Sunny", "Maple", "Birch", "Cedar", "Ocean", "Happy", "Bright", "Golden", "Silver",
    "Urban", "Cozy", "Smart", "Pure", "Green", "Blue", "Lucky", "Star", "Nova", "Prime",
    "Royal", "Swift", "Wild", "Zen", "Aqua", "Polar", "Amber", "Coral", "Lunar", "Solar",
)  # fmt: skip
STORE_WORDS_B: Final = (
    "Home", "Goods", "Supply", "Direct", "Store", "Shop", "Living", "Outdoors", "Tech",
    "Gear", "Kitchen", "Beauty", "Pets", "Toys", "Life", "Mart", "Depot", "Works", "Studio",
)  # fmt: skip
STORE_SUFFIXES: Final = ("Store", "Direct", "Official", "Home", "Shop", "Mall", "Life")

# --- contact details ----------------------------------------------------------------

#: (domain, weight) for personal mailboxes.
FREE_MAIL: Final = (
    ("163.com", 18), ("qq.com", 14), ("gmail.com", 22), ("outlook.com", 12),
    ("hotmail.com", 8), ("126.com", 8), ("foxmail.com", 5), ("yahoo.com", 4),
    ("sina.com", 3), ("aliyun.com", 2), ("icloud.com", 4),
)  # fmt: skip
EMAIL_WORDS: Final = (
    "sunny", "happy", "lucky", "angel", "tiger", "dragon", "ocean", "rainbow", "coco",
    "lemon", "panda", "kitty", "summer", "winter", "star", "moon", "cloud", "peach",
    "apple", "mango", "leo", "rock", "jazz", "maple", "river", "cherry",
)  # fmt: skip
ROLE_MAILBOXES: Final = ("service", "support", "info", "sales", "admin", "contact")
BRAND_MAIL_SUFFIXES: Final = ("shop", "store", "official", "us", "service", "global", "")
GMAIL_TAGS: Final = ("amz", "us", "uk", "de", "shop", "seller", "2024", "store")

#: Chinese mobile prefixes (3 digits) that libphonenumber accepts for any 8 digits after.
CN_MOBILE_PREFIXES: Final = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181",
    "182", "183", "185", "186", "187", "188", "189", "198", "199",
)  # fmt: skip
#: US area codes where Chinese-American sellers live.
US_AREA_CODES: Final = (
    "212", "347", "718", "917", "929", "646", "626", "213", "415", "510", "650", "949",
    "408", "732", "908", "713", "832", "678", "425", "206",
)  # fmt: skip

# --- money and tax --------------------------------------------------------------------

#: (BIN, bank) of Chinese debit cards (19 digits, Luhn) used as payout accounts.
CN_DEBIT_BINS: Final = (
    ("622202", "工商银行"), ("621226", "工商银行"), ("621700", "建设银行"),
    ("622848", "农业银行"), ("621661", "中国银行"), ("621483", "招商银行"),
    ("622908", "兴业银行"), ("623668", "建设银行"), ("621799", "中国银行"),
)  # fmt: skip
#: (prefix, bank, length) of Chinese corporate (对公) account numbers.
CN_CORPORATE_PREFIXES: Final = (
    ("4000", "工商银行", 19), ("4420", "建设银行", 19), ("7559", "招商银行", 16),
    ("4410", "农业银行", 19), ("7441", "中国银行", 16), ("3510", "兴业银行", 18),
)  # fmt: skip
#: (country, bank code or BLZ) for payout IBANs of European marketplaces.
IBAN_BANKS: Final = (
    ("GB", "NWBK"), ("GB", "BARC"), ("GB", "CLRB"), ("GB", "MIDL"),
    ("DE", "10011001"), ("DE", "20041111"), ("DE", "50070010"), ("DE", "37040044"),
)  # fmt: skip
#: (BIN, brand, length) of credit cards.
CARD_BINS: Final = (
    ("427020", "Visa", 16), ("438088", "Visa", 16), ("404119", "Visa", 16),
    ("486493", "Visa", 16), ("512315", "Mastercard", 16), ("524047", "Mastercard", 16),
    ("552599", "Mastercard", 16), ("558868", "Mastercard", 16), ("622588", "UnionPay", 16),
    ("625807", "UnionPay", 16), ("628288", "UnionPay", 16), ("377677", "Amex", 15),
)  # fmt: skip
#: EIN prefixes the IRS assigns to online applications and foreign-owned entities.
EIN_PREFIXES: Final = (
    "20", "26", "27", "30", "32", "45", "46", "47", "61", "81", "82", "83", "84", "85",
    "86", "87", "88", "92", "93", "98", "99",
)  # fmt: skip

# --- networks and devices -----------------------------------------------------------

#: Public /16 blocks per country, from real ISP and hosting allocations.
IPV4_BLOCKS: Final = {
    "cn": (
        "113.116", "113.87", "183.14", "183.37", "14.153", "14.127", "119.123", "116.24",
        "116.25", "58.60", "58.61", "121.35", "120.229", "112.97", "59.40", "27.38",
        "223.73", "120.85", "36.110", "115.192", "218.17", "221.4", "61.141", "101.89",
        "39.108", "120.78", "106.52", "119.29", "124.70", "125.94", "171.88", "175.9",
        "180.168", "182.96", "117.136", "110.87", "163.125", "113.110", "219.133", "222.79",
    ),
    "us": (
        "24.5", "67.169", "73.92", "98.208", "104.162", "108.61", "45.32", "45.77",
        "149.28", "159.223", "23.94", "66.42", "71.187", "76.88", "68.134", "50.35",
        "64.44", "99.108", "107.77", "173.56", "174.54", "35.136", "47.88", "69.181",
    ),
    "gb": ("86.12", "81.107", "92.40", "2.24", "31.52", "82.132", "90.208", "109.150"),
    "de": ("84.130", "87.123", "91.65", "93.198", "178.27", "79.197", "46.114", "88.130"),
    "jp": ("126.209", "153.142", "110.66", "133.106", "114.160", "60.118"),
    "ca": ("142.113", "174.91", "99.232", "70.52", "184.144"),
}  # fmt: skip
#: IPv6 /32 prefixes of Chinese and US broadband providers.
IPV6_PREFIXES: Final = {
    "cn": ("240e:3b0", "240e:47c", "2408:8456", "2408:8207", "2409:8a55", "2409:8c54"),
    "us": ("2600:1700", "2601:646", "2603:8000", "2607:fb90"),
}  # fmt: skip
#: /24 networks of commercial proxy and VPN providers: their exit addresses are shared by
#: many unrelated customers.
PROXY_NETWORKS: Final = (
    "38.60.202", "103.152.112", "154.84.1", "45.134.140", "185.244.214", "194.33.45",
    "212.102.57", "89.187.163", "149.102.240", "156.146.59", "191.101.31", "37.19.200",
)  # fmt: skip
#: Hostnames of rotating residential-proxy gateways (AdsPower proxy hosts).
PROXY_GATEWAYS: Final = (
    "gate.smartproxy.com", "pr.oxylabs.io", "proxy.ipidea.io", "us.lunaproxy.com",
    "brd.superproxy.io",
)  # fmt: skip
#: Private, CGNAT and router addresses that loggers record instead of the public one.
NON_PUBLIC_IPS: Final = (
    "192.168.1.1", "192.168.0.1", "192.168.1.100", "192.168.31.1", "192.168.0.105",
    "10.0.0.2", "10.0.0.15", "10.10.1.23", "100.64.12.7", "100.72.3.140", "172.16.0.8",
)  # fmt: skip

#: OUIs (first three bytes) of laptop, desktop and VM network adapters.
OUIS: Final = (
    "00:1b:21", "3c:97:0e", "f4:8e:38", "b8:ac:6f", "00:e0:4c", "a4:5e:60", "f0:18:98",
    "8c:85:90", "54:e1:ad", "98:fa:9b", "e8:6a:64", "c8:5b:76", "04:d4:c4", "2c:f0:5d",
    "d8:bb:c1", "74:d4:35", "b0:6e:bf", "f8:75:a4", "48:51:b7", "70:85:c2", "00:0c:29",
    "00:50:56",
)  # fmt: skip
#: MAC addresses that say nothing about the device.
PLACEHOLDER_MACS: Final = ("00:00:00:00:00:00", "02:00:00:00:00:00")

USER_AGENTS: Final = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SunBrowser/120.0.6099.71 Chrome/120.0.6099.71 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/125.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/109.0.0.0 Safari/537.36",
)
