export const id = 111;
export const ids = [111];
export const modules = {

/***/ 6111:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_SARIF_RESULTS: () => (/* binding */ MAX_SARIF_RESULTS),
  toSarif: () => (/* binding */ toSarif)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./lib/src/model.js
var model = __webpack_require__(4887);
// EXTERNAL MODULE: ./lib/src/report/finding-counts.js
var finding_counts = __webpack_require__(8181);
// EXTERNAL MODULE: ./lib/src/check/index.js + 32 modules
var check = __webpack_require__(4450);
// EXTERNAL MODULE: ./lib/src/runtime/rules.js
var rules = __webpack_require__(6258);
// EXTERNAL MODULE: ./lib/src/version.js
var version = __webpack_require__(1294);
;// CONCATENATED MODULE: ./lib/src/report/rules.js
// What each rule id means, for SARIF's rule table and the summary's links: the built-in catalog,
// then the matrix's own rules (bundled and the repository's), then any id a finding uses that
// neither lists (it still gets a row, so that no result points at a missing rule).



/** Every built-in rule: the static checks' and the runtime check's. */
const RULE_CATALOG = [...check/* RULES */.y0, ...rules/* RUNTIME_RULES */.F];
const TOOL_HOMEPAGE = 'https://github.com/compat-guard/compat-guard';
/** The rules as documented at the release that ran (the release workflow tags each version `vX.Y.Z`), not as main says today. */
const RULES_DOC = `${TOOL_HOMEPAGE}/blob/v${version/* TOOL_VERSION */.w}/docs/rules.md`;
/** docs/rules.md has one heading per built-in rule id; GitHub makes the id its anchor. */
function ruleHelpUri(id) {
    return `${RULES_DOC}#${encodeURIComponent(id)}`;
}
function describeRules(result, catalog = RULE_CATALOG) {
    const described = new Map();
    for (const rule of catalog) {
        described.set(rule.id, {
            id: rule.id,
            severity: rule.severity,
            summary: rule.summary,
            description: `${sentence(rule.summary)} See docs/rules.md#${rule.id}.`,
            helpUri: ruleHelpUri(rule.id),
        });
    }
    for (const rule of result.matrix.rules) {
        if (described.has(rule.id))
            continue;
        const where = `${rule.origin.file}:${rule.origin.line}`;
        described.set(rule.id, {
            id: rule.id,
            severity: rule.severity,
            summary: rule.message,
            description: `${sentence(rule.message)} Matrix rule from ${where}${rule.source ? `; source: ${rule.source}` : ''}.`,
            helpUri: rule.source ?? ruleHelpUri('matrix-rules'),
        });
    }
    for (const finding of result.findings) {
        if (described.has(finding.rule))
            continue;
        described.set(finding.rule, {
            id: finding.rule,
            severity: finding.severity,
            summary: finding.rule,
            description: finding.rule,
            helpUri: ruleHelpUri(finding.rule),
        });
    }
    return [...described.values()];
}
/** `an exact pin outside` -> `An exact pin outside.`: rule summaries are fragments, descriptions sentences. */
function sentence(text) {
    const trimmed = text.trim();
    const capital = `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}`;
    return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

;// CONCATENATED MODULE: ./lib/src/report/sarif.js
// SARIF 2.1.0 as GitHub code scanning accepts it: one run, every result with a physical location
// (code scanning rejects the whole file when one result has none, so findings that belong to no
// file - the runtime check's - become run-level notifications), at most 25,000 results per run (the
// hard limit; the most severe are kept), and partial fingerprints that survive lines moving.




const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** GitHub code scanning's hard limit on results in one run. */
const MAX_SARIF_RESULTS = 25_000;
/** Code scanning keeps 100 locations of a result; more only weigh down the file. */
const MAX_RELATED_LOCATIONS = 100;
const FINGERPRINT_KEY = 'compatGuard/v1';
/** `rules`: the rule table to describe (default: every built-in rule); the matrix's rules are added. */
function toSarif(result, rules = RULE_CATALOG) {
    const described = describeRules(result, rules);
    const ruleIndex = new Map(described.map((rule, index) => [rule.id, index]));
    const indexOf = (id) => ruleIndex.get(id) ?? 0;
    const located = result.findings.filter(hasFile);
    const kept = keepMostSevere(located, MAX_SARIF_RESULTS);
    const fingerprints = new Fingerprints();
    const results = kept.map((finding) => toResult(finding, indexOf(finding.rule), fingerprints.next(finding)));
    const notifications = result.findings
        .filter((finding) => finding.file === null)
        .map((finding) => ({
        level: sarifLevel(finding.severity),
        message: { text: (0,finding_counts/* messageWithFix */.vW)(finding) },
        associatedRule: { id: finding.rule, index: indexOf(finding.rule) },
    }));
    if (kept.length < located.length) {
        notifications.push({
            level: 'warning',
            message: {
                text: `${located.length - kept.length} less severe findings are not in this file: code scanning accepts at most ${MAX_SARIF_RESULTS} results per run. The JSON report has every finding.`,
            },
            associatedRule: { id: kept[0]?.rule ?? described[0]?.id ?? '', index: kept[0] ? indexOf(kept[0].rule) : 0 },
        });
    }
    return {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: result.tool.name,
                        version: result.tool.version,
                        semanticVersion: result.tool.version,
                        informationUri: TOOL_HOMEPAGE,
                        rules: described.map((rule) => ({
                            id: rule.id,
                            name: ruleName(rule.id),
                            shortDescription: { text: rule.summary },
                            fullDescription: { text: rule.description },
                            help: {
                                text: `${rule.description}\n${rule.helpUri}`,
                                markdown: `${rule.description}\n\n[More about ${rule.id}](${rule.helpUri})`,
                            },
                            helpUri: rule.helpUri,
                            defaultConfiguration: { level: sarifLevel(rule.severity) },
                            properties: { tags: ['compatibility', 'dependencies'] },
                        })),
                    },
                },
                invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
                // Our columns count UTF-16 code units, as JavaScript strings do.
                columnKind: 'utf16CodeUnits',
                results,
            },
        ],
    };
}
function hasFile(finding) {
    return finding.file !== null;
}
function toResult(finding, ruleIndex, fingerprint) {
    const sarif = {
        ruleId: finding.rule,
        ruleIndex,
        level: sarifLevel(finding.severity),
        message: { text: (0,finding_counts/* messageWithFix */.vW)(finding) },
        locations: [{ physicalLocation: physicalLocation(finding.file, finding) }],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    };
    const related = finding.related ?? [];
    if (related.length > 0) {
        sarif.relatedLocations = related.slice(0, MAX_RELATED_LOCATIONS).map((location, index) => ({
            id: index + 1,
            physicalLocation: physicalLocation(location.file, location),
            ...(location.message ? { message: { text: location.message } } : {}),
        }));
    }
    const properties = {};
    if (finding.package)
        properties.package = finding.package;
    if (finding.expected)
        properties.expected = finding.expected;
    if (finding.actual)
        properties.actual = finding.actual;
    if (finding.fix)
        properties.fix = finding.fix;
    if (finding.inDiff !== undefined)
        properties.inDiff = finding.inDiff;
    if (Object.keys(properties).length > 0)
        sarif.properties = properties;
    return sarif;
}
function physicalLocation(file, position) {
    // A finding about a whole file still needs a region: point at its first line.
    const startLine = position.line ?? 1;
    const region = { startLine };
    if (position.column !== null && position.column !== undefined)
        region.startColumn = position.column;
    const endLine = position.endLine ?? startLine;
    if (position.line !== null && endLine >= startLine)
        region.endLine = endLine;
    if (region.startColumn !== undefined && position.endColumn !== null && position.endColumn !== undefined) {
        region.endColumn = position.endColumn + 1;
    }
    return { artifactLocation: { uri: relativeUri(file), uriBaseId: '%SRCROOT%' }, region };
}
/** A repository-relative path as a relative URI reference: each segment percent-encoded. */
function relativeUri(file) {
    return file.split('/').map(encodeURIComponent).join('/');
}
function sarifLevel(severity) {
    return severity === 'notice' ? 'note' : severity;
}
/** `pin-outside-profile` -> `PinOutsideProfile`, the form SARIF viewers show as a rule name. */
function ruleName(id) {
    return id
        .split(/[^A-Za-z0-9]+/)
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('');
}
/** The `limit` most severe findings, in their original order. */
function keepMostSevere(findings, limit) {
    if (findings.length <= limit)
        return findings;
    const order = findings.map((finding, index) => ({ rank: (0,model/* severityRank */.qs)(finding.severity), index }));
    order.sort((a, b) => b.rank - a.rank || a.index - b.index);
    const keep = new Set(order.slice(0, limit).map((entry) => entry.index));
    return findings.filter((_, index) => keep.has(index));
}
/**
 * What identifies a finding from one run to the next: rule, file, and the package with its pin (or,
 * for findings about no package, the message), not the line: an edit above it must not make it a new
 * alert. Identical findings are told apart by their order.
 */
class Fingerprints {
    seen = new Map();
    next(finding) {
        const what = finding.package ? [finding.package, finding.actual ?? ''] : [finding.message];
        const identity = [finding.rule, finding.file ?? '', ...what].join('\u0000');
        const occurrence = this.seen.get(identity) ?? 0;
        this.seen.set(identity, occurrence + 1);
        return (0,external_node_crypto_.createHash)('sha256').update(`${identity}\u0000${occurrence}`).digest('hex').slice(0, 32);
    }
}


/***/ })

};
