using Handheld.Core.Inspection;
using Handheld.Core.Ports;
using Handheld.Core.Records;

namespace Handheld.Sdk.Reports;

/// <summary>Language of a report. Chinese is the default: the users are Chinese inspectors and enterprises.</summary>
public enum ReportLanguage { Zh, En }

/// <summary>Every word printed on a report, in Chinese and English, by key. One table so the two cannot drift:
/// a key missing in either language fails the test that walks all keys.</summary>
public sealed class ReportText
{
    private readonly int _column;

    private ReportText(ReportLanguage language) => _column = language == ReportLanguage.Zh ? 0 : 1;

    public static ReportText For(ReportLanguage language) => new(language);

    public static ReportLanguage ParseLanguage(string value) => value.ToLowerInvariant() switch
    {
        "zh" or "zh-cn" => ReportLanguage.Zh,
        "en" => ReportLanguage.En,
        _ => throw new ReportException($"--lang: expected zh or en, got '{value}'"),
    };

    public string this[string key] => Table.TryGetValue(key, out var t) ? t[_column] : throw new KeyNotFoundException(key);

    public static IEnumerable<string> Keys => Table.Keys;

    public string Outcome(Outcome o) => this["outcome." + OutcomeNames.Of(o)];

    public string Clock(ClockSource c) => this["clock." + (int)c];

    public string Answer(HumanCheckAnswer a) => this["answer." + (int)a];

    public string Prompt(int index) => index < 3 ? this["prompt." + index] : this["prompt.other"] + " " + (index + 1);

    /// <summary>The fingerprint comparison of record figure 8 (1–4), with its chance bound and the track sweeps.</summary>
    public string Fingerprint(int verdict, int? chancePpb, int? sweeps) =>
        (verdict is >= 1 and <= 4 ? this["physical.fingerprint." + verdict] : this["finding.unknown"] + " " + verdict)
        + (chancePpb is { } c ? " · " + this["physical.fingerprint.chance"] + " " + (c / 1e9).ToString("0.###E+0", System.Globalization.CultureInfo.InvariantCulture) : "")
        + (sweeps is { } n ? " · " + this["physical.fingerprint.sweeps"] + " " + n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");

    public string Finding(int finding) => finding is >= 0 and <= 4 ? this["finding." + finding] : this["finding.unknown"] + " " + finding;

    /// <summary>Plain words for every reason bit set, in bit order.</summary>
    public IReadOnlyList<string> Reasons(int reasons)
    {
        var list = new List<string>();
        for (int i = 0; i < VerdictReason.Count; i++)
        {
            if ((reasons & (1 << i)) != 0) list.Add(this["reason." + VerdictReason.NameOf(1 << i)]);
        }
        return list;
    }

    private static readonly Dictionary<string, string[]> Table = new()
    {
        ["title"] = ["安全生产许可证现场核验报告", "Safety Production Licence — On-site Verification Report"],
        ["titles"] = ["安全生产许可证现场核验报告（汇总）", "Safety Production Licence — On-site Verification Reports"],
        ["notice.title"] = ["整改通知书", "Rectification Notice"],
        ["unit"] = ["核验单位", "Inspecting unit"],
        ["page"] = ["第 {0} 页 / 共 {1} 页", "Page {0} of {1}"],
        ["section.licence"] = ["一、许可证信息", "1. Licence"],
        ["section.digital"] = ["二、数字核验（二维码签名）", "2. Digital check (signed QR code)"],
        ["section.physical"] = ["三、物理核验（紫外荧光纸张检测）", "3. Physical check (UV fluorescence of the paper)"],
        ["section.human"] = ["四、人工核验", "4. Human checks"],
        ["section.verdict"] = ["五、核验结论", "5. Verdict"],
        ["section.record"] = ["六、核验记录", "6. Inspection record"],
        ["licence.number"] = ["许可证编号", "Licence number"],
        ["licence.enterprise"] = ["企业名称", "Enterprise"],
        ["licence.uscc"] = ["统一社会信用代码", "Unified social credit code"],
        ["licence.representative"] = ["主要负责人", "Legal representative"],
        ["licence.address"] = ["单位地址", "Address"],
        ["licence.scope"] = ["许可范围", "Scope"],
        ["licence.authority"] = ["发证机关", "Issuing authority"],
        ["licence.validity"] = ["有效期", "Valid"],
        ["licence.validity.range"] = ["{0} 至 {1}", "{0} to {1}"],
        ["licence.status"] = ["核验时状态", "Status when inspected"],
        ["licence.notDecoded"] = ["（未提供二维码内容：以下仅据记录中的许可证编号）", "(QR content not supplied: the record's licence number only)"],
        ["licence.qrMatches"] = ["二维码内容与记录中的摘要一致", "QR content matches the digest in the record"],
        ["licence.none"] = ["（未读取到二维码）", "(no QR code was read)"],
        ["digital.signature"] = ["签名与密钥", "Signature and key"],
        ["digital.dates"] = ["有效日期", "Dates"],
        ["digital.revocation"] = ["吊销/暂扣", "Revocation / suspension"],
        ["digital.key"] = ["签名算法与密钥标识", "Algorithm and key id"],
        ["digital.listVersion"] = ["吊销列表版本", "Revocation list version"],
        ["digital.listVersion.none"] = ["记录格式第 1 版未记载（见记录时间与结论原因）", "not stored by record format v1 (see time and reasons)"],
        ["digital.ok.signature"] = ["签名正确，签发机关密钥在信任列表中", "signature verifies; issuer key is in the trust list"],
        ["digital.ok.dates"] = ["在有效期内", "within the validity period"],
        ["digital.ok.revocation"] = ["未被吊销或暂扣", "neither revoked nor suspended"],
        ["physical.finding"] = ["检测结论", "Finding"],
        ["physical.background"] = ["纸张底色（紫外下蓝光强度）", "Paper background (blue under UV)"],
        ["physical.fibres"] = ["荧光纤维计数（蓝/绿/红）", "Fluorescent fibre events (blue/green/red)"],
        ["physical.duration"] = ["核验用时", "Inspection duration"],
        ["physical.fingerprint"] = ["纤维指纹比对", "Fibre fingerprint"],
        ["physical.fingerprint.1"] = ["与登记指纹一致", "matches the registered fingerprint"],
        ["physical.fingerprint.2"] = ["与登记指纹不符", "does not match the registered fingerprint"],
        ["physical.fingerprint.3"] = ["无法读取", "unreadable"],
        ["physical.fingerprint.4"] = ["未能判定", "undecided"],
        ["physical.fingerprint.chance"] = ["偶然一致概率", "chance of a coincidence"],
        ["physical.fingerprint.sweeps"] = ["轨迹扫描次数", "track sweeps"],
        ["physical.plot"] = ["紫外扫描所记录的数值", "Figures recorded by the UV sweep"],
        ["physical.plot.background"] = ["底色", "paper"],
        ["physical.plot.blue"] = ["蓝纤维", "blue"],
        ["physical.plot.green"] = ["绿纤维", "green"],
        ["physical.plot.red"] = ["红纤维", "red"],
        ["physical.detail"] = ["检测细节代码", "Detail code"],
        ["physical.none"] = ["未测量", "not measured"],
        ["human.none"] = ["未进行人工核验（结论已由前序检查确定）", "no human check was asked (the verdict was decided earlier)"],
        ["verdict.reasons"] = ["原因", "Reasons"],
        ["verdict.noReasons"] = ["各项检查均一致", "every check agrees"],
        ["record.device"] = ["核验设备", "Device"],
        ["record.firmware"] = ["固件版本", "Firmware"],
        ["record.inspector"] = ["检查员编号", "Inspector"],
        ["record.time"] = ["核验时间", "Time"],
        ["record.time.unset"] = ["设备时钟未设置：时间不可信", "device clock unset: no trustworthy time"],
        ["record.clock"] = ["时钟来源", "Clock source"],
        ["record.sequence"] = ["记录序号", "Record sequence"],
        ["record.hash"] = ["记录哈希（SHA-256）", "Record hash (SHA-256)"],
        ["record.qr"] = ["扫码核对记录", "Scan to check against the record store"],
        ["record.seal"] = ["本报告附有核验单位的电子签章（PDF 数字签名），任何改动都会使签章失效。", "This report carries the inspecting unit's electronic seal (PDF digital signature); any change invalidates it."],
        ["clock.0"] = ["未设置（时间不可信）", "unset (time not trustworthy)"],
        ["clock.1"] = ["设备实时时钟（上次校时后可能漂移）", "device real-time clock (may have drifted since last set)"],
        ["clock.2"] = ["经认证的手机应用校时", "set by the paired app over the authenticated link"],
        ["clock.3"] = ["出厂设置（可能已漂移）", "set at the factory (may have drifted)"],
        ["answer.0"] = ["跳过或超时", "skipped or timed out"],
        ["answer.1"] = ["确认：特征存在且正确", "confirmed: present and correct"],
        ["answer.2"] = ["否认：特征缺失或不符", "denied: absent or wrong"],
        ["prompt.0"] = ["缩微文字：50 倍放大镜下可读出设备显示的许可证编号", "Micro-text: under the 50× magnifier it reads the licence number shown"],
        ["prompt.1"] = ["全息边框：倾斜证书时可见“安全许可”字样", "Hologram border: tilting the sheet shows the text 安全许可"],
        ["prompt.2"] = ["温变日期：指尖按压后消退并复现", "Thermochromic date: fades under a fingertip and returns"],
        ["prompt.other"] = ["人工核验项", "Check"],
        ["finding.0"] = ["未测量", "not measured"],
        ["finding.1"] = ["与防伪纸一致（紫外下纸张不发光，纤维与许可证相符）", "consistent with security paper (dull under UV, declared fibres seen)"],
        ["finding.2"] = ["与许可证不符（增白纸或纤维缺失/不符）", "contradicts the licence (brightened paper, or fibres missing or wrong)"],
        ["finding.3"] = ["无法判定（环境光过强、未放稳或时间过短）", "inconclusive (too much ambient light, sheet not held, or too short)"],
        ["finding.4"] = ["传感器或紫外灯故障", "sensor or lamp fault"],
        ["finding.unknown"] = ["未知结论代码", "unknown finding code"],
        ["outcome.GENUINE"] = ["真实有效", "GENUINE"],
        ["outcome.SUSPECT"] = ["存疑（可能伪造或变造，尚未证实）", "SUSPECT (something is wrong; forgery not proven)"],
        ["outcome.FORGED"] = ["伪造", "FORGED"],
        ["outcome.INVALID"] = ["无效（证书真实但不在有效状态）", "INVALID (authentic, but not in force)"],
        ["outcome.UNVERIFIED"] = ["无法判定", "UNVERIFIED (the device could not judge)"],
        ["outcome.NONE"] = ["未完成", "no verdict (cancelled)"],
        ["reason.SIGNATURE_INVALID"] = ["数字签名不正确", "the digital signature does not verify"],
        ["reason.PAYLOAD_MALFORMED"] = ["二维码内容无法解析", "the QR content cannot be decoded"],
        ["reason.UNKNOWN_ISSUER_KEY"] = ["签发机关密钥不在信任列表中", "the issuer's key is not in the trust list"],
        ["reason.EXPIRED"] = ["许可证已超过有效期", "the licence has expired"],
        ["reason.NOT_YET_VALID"] = ["许可证尚未生效", "the licence is not yet valid"],
        ["reason.REVOKED"] = ["许可证已被吊销或撤销", "the licence has been revoked"],
        ["reason.SUSPENDED"] = ["许可证已被暂扣", "the licence is suspended"],
        ["reason.CLOCK_UNSET"] = ["设备时钟未设置，无法判断日期", "the device clock was not set, so dates could not be judged"],
        ["reason.TRUST_STALE"] = ["设备上的信任列表已过期", "the trust list on the device is out of date"],
        ["reason.REVOCATION_LIST_ABSENT"] = ["设备上没有吊销列表", "there is no revocation list on the device"],
        ["reason.DIGITAL_INCOMPLETE"] = ["数字核验未完成", "the digital check did not complete"],
        ["reason.PAPER_INCONSISTENT"] = ["纸张的紫外荧光特征与许可证不符", "the paper's UV fluorescence contradicts the licence"],
        ["reason.PHYSICAL_INCONCLUSIVE"] = ["纸张检测无法得出结论", "the paper measurement was inconclusive"],
        ["reason.SENSOR_FAULT"] = ["光学传感器故障", "the colour sensor failed"],
        ["reason.MICROTEXT_DENIED"] = ["检查员判定缩微文字不符", "the inspector found the micro-text wrong"],
        ["reason.HOLOGRAM_DENIED"] = ["检查员判定全息边框不符", "the inspector found the hologram wrong"],
        ["reason.THERMOCHROMIC_DENIED"] = ["检查员判定温变日期不符", "the inspector found the thermochromic date wrong"],
        ["reason.HUMAN_CHECKS_INCOMPLETE"] = ["人工核验未完成（跳过或超时）", "human checks incomplete (skipped or timed out)"],
        ["reason.LAMP_FAULT"] = ["紫外灯故障", "the UV lamp failed"],
        ["reason.RECORD_NOT_STORED"] = ["设备未能保存记录", "the device could not store the record"],
        ["reason.FINGERPRINT_MISMATCH"] = ["纸张的纤维分布与许可证登记的纤维指纹不符", "the sheet's fibres do not match the fibre fingerprint the licence registers"],
        ["reason.FINGERPRINT_UNREADABLE"] = ["纤维指纹无法确认或排除（请沿导轨重新扫描）", "the fibre fingerprint could be neither confirmed nor ruled out (sweep again along the edge guide)"],
        ["reason.unknown"] = ["未知原因代码", "unknown reason code"],
        ["notice.to"] = ["被检查单位", "To"],
        ["notice.number"] = ["文书编号", "Notice number"],
        ["notice.found"] = ["经现场核验，你单位出示的安全生产许可证存在以下问题：", "On-site verification found the following about the safety production licence you presented:"],
        ["notice.basis"] = ["依据", "Legal basis"],
        ["notice.basis.blank"] = ["（由执法机关填写）", "(to be filled in by the office)"],
        ["notice.order"] = ["现责令你单位于 {0} 前完成整改，并将整改情况书面报送核验单位。逾期未整改或整改不合格的，依法处理。", "You are ordered to rectify by {0} and report the rectification in writing to the inspecting unit. Failure to do so will be dealt with according to law."],
        ["notice.deadline"] = ["整改期限", "Deadline"],
        ["notice.inspector"] = ["检查员（签名）", "Inspector (signature)"],
        ["notice.receiver"] = ["被检查单位负责人（签收）", "Received for the enterprise (signature)"],
        ["notice.date"] = ["日期", "Date"],
        ["notice.basedOn"] = ["依据核验记录", "Based on inspection record"],
        ["notice.verdict"] = ["核验结论", "Verdict"],
    };
}
