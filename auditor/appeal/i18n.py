"""Every fixed sentence of the appeal, in English (sent to the marketplace) and Chinese.

The English is written to be sent as it stands: plain, formal, first person plural.
The Chinese is for the seller's own review of what the English says. Nothing here
asserts a fact about the seller: facts come from the audit result and statements from
the explanations file; these strings only frame them.
"""

from __future__ import annotations

from typing import Final

LANGS: Final = ("en", "zh")

KIND_LABELS: Final[dict[str, tuple[str, str]]] = {
    "ip": ("IP address", "IP 地址"),
    "mac": ("MAC address", "MAC 地址"),
    "device": ("Device / browser profile", "设备 / 浏览器环境"),
    "email": ("Email address", "邮箱"),
    "phone": ("Phone number", "手机号"),
    "company": ("Company name", "公司名称"),
    "person": ("Legal representative", "法人 / 负责人"),
    "address": ("Address", "地址"),
    "bank": ("Bank / payout account", "收款账户"),
    "card": ("Credit card", "信用卡"),
    "tax_id": ("Tax ID", "税号"),
    "id_number": ("ID / passport number", "身份证件号"),
    "listing": ("Listing (ASIN / UPC / EAN)", "商品 (ASIN / UPC / EAN)"),
}

_S: Final[dict[str, tuple[str, str]]] = {
    # title block
    "title": ("Appeal concerning related accounts", "关联账户申诉"),
    "subject": (
        "Seller account {account}{name} — {marketplace}",
        "卖家账户 {account}{name} — {marketplace}",
    ),
    "date": ("Date: {date}", "日期:{date}"),
    "salutation": ("Dear Seller Performance Team,", "尊敬的卖家绩效团队:"),
    "marketplace_unknown": ("marketplace not stated", "站点未注明"),
    # warning box
    "warning_title": ("Before you send this letter", "发送前请注意"),
    "warning_unaddressed": (
        "The data shows strong links that the explanations file does not address. "
        "Because of them, this letter does not state that the businesses are separate. "
        "Explain each item below in the explanations file (or disclose the relationship), "
        "then generate the letter again:",
        "数据显示存在强关联,但说明文件未作解释。因此本信不会声称各业务相互独立。"
        "请在说明文件中逐项解释以下内容(或如实披露关联关系),然后重新生成:",
    ),
    "warning_unaddressed_item": (
        "{pair} ({level}): {kind} {value}",
        "{pair}({level}):{kind} {value}",
    ),
    "warning_contradiction": (
        "The explanations file describes {a} and {b} as unrelated, but they share {what}. "
        "One such number belongs to one legal owner, so this letter does not claim that "
        "the businesses are separate.",
        "说明文件称 {a} 与 {b} 互不相关,但两者共用 {what}。此类号码只属于一个法律主体,"
        "因此本信不会声称两者业务相互独立。",
    ),
    "warning_placeholders": (
        "Text in [SQUARE BRACKETS] marks information only you can supply. Replace every "
        "such marker before sending.",
        "方括号 [ ] 中的文字是需要您本人补充的信息。发送前请全部替换。",
    ),
    # intro
    "intro_account": (
        "We are writing about the seller account {account}{name} on {marketplace}, operated "
        "by {entity}.",
        "本信涉及卖家账户 {account}{name}({marketplace}),运营主体为 {entity}。",
    ),
    "intro_separation": (
        "Our own review of our account records found that this account has identifiers in "
        "common with {accounts} listed below. Each of these accounts is operated by "
        "its own legal entity, set out in section 1. Below we list every identifier the "
        "accounts have in common, explain how each came to be shared, and describe what we "
        "have done so that the businesses remain separate.",
        "我们对自身账户记录的审查发现,本账户与下列 {accounts}存在相同的标识信息。"
        "这些账户各自由独立的法律主体运营(见第 1 节)。下文逐项列出各账户共有的标识信息,"
        "说明每一项为何相同,并说明我们为保持各业务相互独立所采取的措施。",
    ),
    "intro_disclosure": (
        "Our own review of our account records found that this account has identifiers in "
        "common with {accounts} listed below. In this letter we disclose each of "
        "these identifiers in full, with our explanation of how it came to be shared, and "
        "set out our plan of action: the root cause, the actions we have taken, and the "
        "measures that will prevent it from happening again.",
        "我们对自身账户记录的审查发现,本账户与下列 {accounts}存在相同的标识信息。"
        "本信如实披露每一项共有标识及其形成原因,并提出行动计划:根本原因、已采取的措施,"
        "以及防止再次发生的预防措施。",
    ),
    "some_of_accounts": ("{linked} of the {n} accounts", "{n} 个账户中的 {linked} 个"),
    "intro_no_links": (
        "Our own review of our account records found no identifier that this account "
        "shares with any other account in the records we reviewed ({accounts} in all).",
        "我们对自身账户记录(共 {accounts})的审查未发现本账户与其他任何账户存在相同的标识信息。",
    ),
    "intro_no_links_vs": (
        "Our own review of our account records found no identifier that this account "
        "shares with {accounts} listed below.",
        "我们对自身账户记录的审查未发现本账户与下列 {accounts}存在相同的标识信息。",
    ),
    # section 1
    "h_accounts": ("1. The accounts and the businesses behind them", "1. 账户及其背后的经营主体"),
    "col_account": ("Account", "账户"),
    "col_market_status": ("Marketplace / status", "站点 / 状态"),
    "col_entity": ("Legal entity", "法律主体"),
    "col_registration": ("Registration no.", "注册号"),
    "col_owner": ("Owner / legal representative", "所有人 / 法人"),
    "this_account": ("(this account)", "(本账户)"),
    "from_data": ("(from account records)", "(来自账户资料)"),
    # section 2
    "h_comparison": ("2. Identifier-by-identifier comparison", "2. 标识信息逐项比对"),
    "comparison_intro": (
        "Each table compares the identifiers on record for {account} with those of one "
        "other account. Bank, card and ID numbers show only their last four characters.",
        "下表将 {account} 的各项标识信息与另一账户逐项比对。"
        "银行账户、信用卡及证件号码仅显示末四位。",
    ),
    "h_compare_pair": ("{a} compared with {b}", "{a} 与 {b} 比对"),
    "h_compare_pair_level": (
        "{a} compared with {b} (link level in the data: {level})",
        "{a} 与 {b} 比对(数据中的关联等级:{level})",
    ),
    "col_identifier": ("Identifier", "标识类型"),
    "col_result": ("Result", "结果"),
    "status_shared": ("shared", "相同"),
    "status_near": ("near-duplicate", "近似"),
    "status_near_sim": ("near-duplicate ({similarity})", "近似({similarity})"),
    "status_partial": ("partly the same", "部分相同"),
    "status_distinct": ("distinct", "不同"),
    "status_not_compared": ("not compared: {reason}", "未比对:{reason}"),
    "no_common": (
        "{a} and {b} have no identifier in common.",
        "{a} 与 {b} 没有相同的标识信息。",
    ),
    "via_path": (
        "{a} and {b} share no identifier directly; the data connects them through {via}.",
        "{a} 与 {b} 没有直接相同的标识信息;数据通过 {via} 将二者关联。",
    ),
    "no_identifiers": ("No identifiers on record.", "无标识信息记录。"),
    "level_high": ("high", "高"),
    "level_medium": ("medium", "中"),
    "level_low": ("low", "低"),
    # section 3
    "h_findings": ("3. Shared identifiers and our explanations", "3. 共有标识信息及说明"),
    "findings_none": (
        "There is no shared or near-duplicate identifier to explain.",
        "没有需要说明的相同或近似标识信息。",
    ),
    "h_findings_pair": ("{a} and {b}", "{a} 与 {b}"),
    "relationship": ("Relationship between the accounts: ", "账户之间的关系:"),
    "finding_head": ("{kind} — {status}", "{kind} — {status}"),
    "facts": ("Facts: ", "事实:"),
    "fact_values_same": (
        "Both {a} and {b} have {value} on record.",
        "{a} 与 {b} 的记录中均有 {value}。",
    ),
    "fact_values_differ": (
        "{a} has {value_a} on record; {b} has {value_b}.",
        "{a} 的记录为 {value_a};{b} 的记录为 {value_b}。",
    ),
    "fact_shared_by": (
        "{n} accounts in the records hold this value.",
        "账户资料中共有 {n} 个账户使用该值。",
    ),
    "fact_seen_range": ("Seen from {first} to {last}.", "记录时间:{first} 至 {last}。"),
    "fact_seen_once": ("Seen on {first}.", "记录时间:{first}。"),
    "explanation": ("Explanation: ", "说明:"),
    "explanation_needed": ("[EXPLANATION NEEDED]", "[需要说明]"),
    "explanation_needed_hint": (
        " Say what this identifier is, why both accounts have it, since when, and what has "
        "been done about it.",
        " 请说明该标识是什么、为何两个账户都有、自何时起,以及已采取了什么措施。",
    ),
    "fact_detail": ("Detail: {detail}.", "补充:{detail}。"),
    "period": ("Period: ", "期间:"),
    "period_range": ("{since} to {until}", "{since} 至 {until}"),
    "period_since": ("since {since}", "自 {since} 起"),
    "period_until": ("until {until}", "至 {until} 止"),
    "action_taken": ("Action taken: ", "已采取措施:"),
    "third_party": ("Third-party provider: ", "第三方服务商:"),
    "access_removed": ("access removed on {date}", "已于 {date} 撤销访问权限"),
    "documents_enclosed": ("Documents enclosed: ", "随附文件:"),
    # section 4
    "h_plan": ("4. Plan of action", "4. 行动计划"),
    "h_root_cause": ("4.1 Root cause", "4.1 根本原因"),
    "h_actions": ("4.2 Actions taken", "4.2 已采取的措施"),
    "h_prevention": ("4.3 Preventive measures", "4.3 预防措施"),
    "placeholder_root_cause": (
        "[TO BE SUPPLIED: the root cause — how the accounts came to share the identifiers "
        "listed in section 3]",
        "[待补充:根本原因——各账户为何会出现第 3 节所列的相同标识信息]",
    ),
    "placeholder_actions": (
        "[TO BE SUPPLIED: each action already taken, with its date (for example, a "
        "separate bank account opened, a shared device retired, a provider's access "
        "removed)]",
        "[待补充:已采取的每一项措施及日期(例如开立独立银行账户、停用共用设备、撤销服务商访问权限)]",
    ),
    "placeholder_prevention": (
        "[TO BE SUPPLIED: the measures that keep the accounts' identifiers apart from now "
        "on, and who is responsible for them]",
        "[待补充:今后保持各账户标识信息相互独立的措施,以及负责人]",
    ),
    # section 5
    "h_checklist": ("5. Supporting documents", "5. 证明文件"),
    "checklist_intro": (
        "The following documents support the explanations above; we can provide each of "
        "them on request:",
        "以下文件可佐证上述说明,我们可应要求提供:",
    ),
    "checklist_for": ("for: {kinds}", "对应:{kinds}"),
    "checklist_on_hand": ("Documents enclosed with this letter:", "本信随附文件:"),
    # section 6
    "h_graph": ("6. The accounts concerned", "6. 相关账户关系图"),
    "graph_caption": (
        "Figure 1. {accounts} and the links between them in our account records.",
        "图 1. {accounts} 及其在账户资料中的关联。",
    ),
    "graph_missing": (
        "[GRAPH NOT AVAILABLE: the graph image could not be drawn by this version of "
        "auditor; attach it separately if needed]",
        "[关系图不可用:当前版本的 auditor 无法绘制关系图;如有需要请另行附上]",
    ),
    # closing
    "closing_suspended": (
        "We thank you for your time in reviewing this letter. We respectfully ask you to "
        "review the information above and to reinstate the selling privileges of account "
        "{account}. We will provide any further information or document you need.",
        "感谢您审阅本信。恳请您审阅上述信息,并恢复账户 {account} 的销售权限。"
        "如需任何其他信息或文件,我们将及时提供。",
    ),
    "closing_active": (
        "We thank you for your time in reviewing this letter. We respectfully ask you to "
        "take the information above into account in any review of account {account}. "
        "We will provide any further information or document you need.",
        "感谢您审阅本信。恳请您在审核账户 {account} 时考虑上述信息。"
        "如需任何其他信息或文件,我们将及时提供。",
    ),
    "sign_off": ("Sincerely,", "此致\n敬礼"),
    "placeholder_signatory": ("[NAME AND TITLE OF THE SIGNATORY]", "[签署人姓名及职务]"),
    "placeholder": ("[TO BE SUPPLIED]", "[待补充]"),
}

#: Checklist documents by key: (English, Chinese).
CHECKLIST: Final[dict[str, tuple[str, str]]] = {
    "business_licence": (
        "Business licence (or certificate of incorporation) of each legal entity",
        "各法律主体的营业执照(或公司注册证书)",
    ),
    "address": (
        "Signed lease or property document for each business address, and utility bills of "
        "the last 90 days in each legal entity's name",
        "各经营地址的租赁合同或产权证明,以及各法律主体名下最近 90 天的水电煤账单",
    ),
    "ip": (
        "Broadband or network service contract for each business location, in the legal "
        "entity's name, with a recent bill",
        "各经营场所以法律主体名义签订的宽带/网络服务合同及最近账单",
    ),
    "mac": (
        "Purchase receipts or invoices for each business's computers and network equipment",
        "各业务电脑及网络设备的购买凭证或发票",
    ),
    "device": (
        "Purchase receipts or invoices for each business's devices, and a list of which "
        "device each business uses",
        "各业务设备的购买凭证或发票,以及各业务使用设备的清单",
    ),
    "bank": (
        "Bank statements of the last 90 days and account-opening letters for each payout "
        "account, in the legal entity's name",
        "各收款账户最近 90 天的银行流水及开户证明(以法律主体名义)",
    ),
    "card": (
        "Credit card statements showing the cardholder of each card used on the accounts",
        "各账户所用信用卡的账单(显示持卡人)",
    ),
    "tax_id": (
        "Tax registration certificate of each legal entity",
        "各法律主体的税务登记证明",
    ),
    "id_number": (
        "Government ID of each legal representative and beneficial owner",
        "各法人及实际控制人的身份证件",
    ),
    "person": (
        "Government ID of each legal representative, and proof of each person's role "
        "(company registry extract or shareholder register)",
        "各法人的身份证件,以及各人员职务的证明(工商登记信息或股东名册)",
    ),
    "company": (
        "Company registry extract for each legal entity (name, registration number, owners)",
        "各法律主体的工商登记信息(名称、注册号、股东)",
    ),
    "email": (
        "Proof of who controls each email address or its domain (account registration "
        "or domain ownership record)",
        "各邮箱或其域名的控制人证明(注册信息或域名所有权记录)",
    ),
    "phone": (
        "Phone service contract or bill for each number, in the holder's name",
        "各手机号以持有人名义登记的服务合同或账单",
    ),
    "listing": (
        "Supplier invoices or brand authorisations showing each account's own supply",
        "各账户自有货源的供应商发票或品牌授权",
    ),
    "third_party": (
        "Service contract with {provider} and written confirmation of the date its access "
        "was removed{date}",
        "与 {provider} 的服务合同,以及其访问权限撤销日期的书面确认{date}",
    ),
}


def count_accounts(lang: str, n: int, *, definite: bool = True) -> str:
    """``the account`` / ``the 3 accounts`` (``1 account`` / ``3 accounts``); ``n 个账户``."""
    if lang == "zh":
        return f"{n} 个账户"
    if definite:
        return "the account" if n == 1 else f"the {n} accounts"
    return "1 account" if n == 1 else f"{n} accounts"


def t(lang: str, key: str, **params: object) -> str:
    """The string ``key`` in ``lang``, formatted with ``params``."""
    en, zh = _S[key]
    text = zh if lang == "zh" else en
    return text.format(**params) if params else text


def kind_label(lang: str, kind: str) -> str:
    """How a person calls an identifier kind."""
    en, zh = KIND_LABELS.get(kind, (kind, kind))
    return zh if lang == "zh" else en


def checklist_text(lang: str, key: str, **params: object) -> str:
    """A checklist document's description."""
    en, zh = CHECKLIST[key]
    text = zh if lang == "zh" else en
    return text.format(**params) if params else text


def level_label(lang: str, level: str) -> str:
    """A pair level in words."""
    key = f"level_{level}"
    return t(lang, key) if key in _S else level
