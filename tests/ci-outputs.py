#!/usr/bin/env python3
"""Checks for logcompat's CI outputs, called by tests/run-ci-outputs.sh.

    ci-outputs.py sarif SARIF SCHEMA JSON   SARIF valid against the schema,
                                            and agreeing with check's JSON
    ci-outputs.py junit XML JSON            JUnit XML well-formed, its
                                            counts agreeing with the JSON
    ci-outputs.py html DOM                  a dumped page: the verdict is
                                            there, nothing is fetched
    ci-outputs.py compare-sarif SARIF SCHEMA JSON
                                            compare's SARIF valid, one
                                            result per incompatible or
                                            different dimension and per
                                            example, as its JSON has them
    ci-outputs.py compare-github OUT JSON SUMMARY
                                            one ::error per incompatible
                                            dimension, one ::warning per
                                            different one, the verdict,
                                            and the Markdown job summary
    ci-outputs.py action YML MD             action.yml a composite action
                                            with its inputs, and the YAML
                                            examples of docs/ci.md parse

Each prints nothing and exits 0 when all holds, else prints why and
exits 1.  Exit status 77: a Python module needed is missing.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET


def fail(why):
    print(why)
    sys.exit(1)


def sarif(path, schema_path, report_path):
    try:
        import jsonschema
    except ImportError:
        sys.exit(77)
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(doc),
                    key=lambda e: list(e.path))
    if errors:
        fail("not valid SARIF: %s at %s" % (errors[0].message,
                                             list(errors[0].path)))
    if doc.get("version") != "2.1.0" or len(doc["runs"]) != 1:
        fail("not one SARIF 2.1.0 run")
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    if sorted(ids) != sorted(report["categories"]):
        fail("rules %s, categories %s" % (ids, list(report["categories"])))
    for rule in rules:
        if not rule["shortDescription"]["text"]:
            fail("rule %s has no description" % rule["id"])
        want = report["categories"][rule["id"]]["severity"]
        if rule["defaultConfiguration"]["level"] != want:
            fail("rule %s: level %s, not %s" % (
                rule["id"], rule["defaultConfiguration"]["level"], want))
    results = run["results"]
    findings = report["findings"]
    if len(results) != len(findings):
        fail("%d results for %d findings" % (len(results), len(findings)))
    for result, finding in zip(results, findings):
        if result["ruleId"] != finding["rule"]:
            fail("result %s for finding %s" % (result["ruleId"],
                                                finding["rule"]))
        if ids[result["ruleIndex"]] != result["ruleId"]:
            fail("ruleIndex %d is not %s" % (result["ruleIndex"],
                                              result["ruleId"]))
        if result["level"] != finding["severity"]:
            fail("level %s for a finding of %s" % (result["level"],
                                                   finding["severity"]))
        if result["message"]["text"] != finding["message"]:
            fail("message %r, not %r" % (result["message"]["text"],
                                         finding["message"]))
        location = result["locations"][0]["physicalLocation"]
        if not location["artifactLocation"]["uri"]:
            fail("a result without a file")
        if finding["line"] > 0:
            region = location["region"]
            if region["startLine"] != finding["line"]:
                fail("startLine %d, not %d" % (region["startLine"],
                                               finding["line"]))
            if finding["column"] > 0:
                if region["startColumn"] != finding["column"]:
                    fail("startColumn %d, not %d" % (
                        region["startColumn"], finding["column"]))
                if "snippet" in region and not region["snippet"]["text"]:
                    fail("an empty snippet")
                if finding.get("excerpt") and "snippet" not in region:
                    fail("no snippet for the excerpt %r" % finding["excerpt"])
    verdict = run["properties"]["verdict"]
    if verdict != report["verdict"]:
        fail("verdict %s, not %s" % (verdict, report["verdict"]))


def junit(path, report_path):
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    root = ET.parse(path).getroot()
    if root.tag != "testsuites":
        fail("root element %s" % root.tag)
    suites = root.findall("testsuite")
    names = [c["name"] for c in report["captures"]]
    if [s.get("name") for s in suites[:len(names)]] != names:
        fail("suites %s for captures %s" % (
            [s.get("name") for s in suites], names))
    tests = failures = 0
    failed = 0
    captures = set(names)
    for suite in suites:
        # The wrong-format note, in every suite as -f json has it.
        notes = [p.get("value") for p in suite.findall(
            "properties/property") if p.get("name") == "note"]
        out = suite.find("system-out")
        if "note" in report and suite.get("name") in captures and (
                notes != [report["note"]] or out is None or
                report["note"] not in out.text):
            fail("suite %s: note %s, system-out %r, not %r" % (
                suite.get("name"), notes,
                out.text if out is not None else None, report["note"]))
        if "note" not in report and notes:
            fail("suite %s: a note -f json has not" % suite.get("name"))
        cases = suite.findall("testcase")
        bad = [c for c in cases if c.find("failure") is not None]
        if int(suite.get("tests")) != len(cases) or len(cases) == 0:
            fail("suite %s: tests=%s for %d testcases" % (
                suite.get("name"), suite.get("tests"), len(cases)))
        if int(suite.get("failures")) != len(bad):
            fail("suite %s: failures=%s for %d failures" % (
                suite.get("name"), suite.get("failures"), len(bad)))
        names = [c.get("name") for c in cases]
        if len(set(names)) != len(names):
            fail("suite %s: a finding id twice" % suite.get("name"))
        tests += len(cases)
        failures += len(bad)
        for case in bad:
            m = re.match(r"(\d+) findings?: ", case.find("failure").get(
                "message"))
            if m:
                failed += int(m.group(1))
    if int(root.get("tests")) != tests or int(root.get("failures")) != \
            failures:
        fail("testsuites: tests=%s failures=%s, counted %d and %d" % (
            root.get("tests"), root.get("failures"), tests, failures))
    if (failures > 0) != (report["verdict"] == "fail"):
        fail("%d failures with verdict %s" % (failures, report["verdict"]))
    summary = report["summary"]
    if summary["findings"] == summary["findings_listed"]:
        # Every error listed: each is in one failing testcase.
        errors = sum(1 for f in report["findings"]
                     if f["severity"] == "error")
        if failed < errors:
            fail("%d errors in failures, %d in the report" % (failed,
                                                              errors))


def html(path):
    with open(path, encoding="utf-8") as f:
        page = f.read()
    m = re.search(r'<[^>]*id="verdict"[^>]*>(.*?)</', page, re.S)
    if not m or not re.sub(r"<[^>]*>|\s", "", m.group(1)):
        fail("no verdict on the page")
    if re.search(r"<script", page, re.I):
        fail("the page has a script")
    m = re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page, re.I)
    if m:
        fail("the page fetches %s" % m.group(0))
    if re.search(r"url\(\s*['\"]?(https?:|//)", page, re.I) or \
            re.search(r"@import", page, re.I):
        fail("the style fetches something")
    if "<svg" not in page:
        fail("the page has no chart")


def action(path, doc_path):
    try:
        import yaml
    except ImportError:
        sys.exit(77)
    with open(path, encoding="utf-8") as f:
        act = yaml.safe_load(f)
    if act["runs"]["using"] != "composite":
        fail("not a composite action")
    for name in ("command", "rules", "captures", "fail-on", "sarif-file"):
        if name not in act["inputs"]:
            fail("no input %s" % name)
    uses = []
    for step in act["runs"]["steps"]:
        if "run" in step and step.get("shell") != "bash":
            fail("step %r: a run step of a composite action needs its shell"
                 % step.get("name"))
        if "uses" in step:
            uses.append(step["uses"])
    if not any(u.startswith("github/codeql-action/upload-sarif@")
               for u in uses):
        fail("no SARIF upload")
    # Inputs reach scripts through env, never pasted into them.
    for step in act["runs"]["steps"]:
        if "inputs." in step.get("run", ""):
            fail("step %r pastes an input into its script" % step["name"])
    with open(doc_path, encoding="utf-8") as f:
        doc = f.read()
    blocks = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    if len(blocks) < 2:
        fail("docs/ci.md has %d YAML examples" % len(blocks))
    for block in blocks:
        yaml.safe_load(block)
    if "reports:\n      junit:" not in doc:
        fail("docs/ci.md has no GitLab junit report")


def compare_sarif(path, schema_path, report_path):
    try:
        import jsonschema
    except ImportError:
        sys.exit(77)
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(doc))
    if errors:
        fail("SARIF invalid: %s at %s" % (errors[0].message,
                                          list(errors[0].path)))
    run = doc["runs"][0]
    names = [r["id"] for r in run["tool"]["driver"]["rules"]]
    want = []
    for dim in report["dimensions"]:
        if dim["verdict"] not in ("incompatible", "different"):
            continue
        level = "error" if dim["verdict"] == "incompatible" else "warning"
        want += [(dim["name"], level)] * (1 + len(dim["examples"]))
    got = [(r["ruleId"], r["level"]) for r in run["results"]]
    if sorted(got) != sorted(want):
        fail("results %s, expected %s" % (got, want))
    for r in run["results"]:
        if names[r["ruleIndex"]] != r["ruleId"]:
            fail("ruleIndex %d is not %s" % (r["ruleIndex"], r["ruleId"]))
        if not r["message"]["text"]:
            fail("a result without a message")
    if run["properties"]["verdict"] != report["verdict"]:
        fail("verdict %s, JSON says %s" % (run["properties"]["verdict"],
                                           report["verdict"]))
    if not want and report["verdict"] != "compatible":
        fail("incompatible without a result")


def compare_github(path, report_path, summary_path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    with open(summary_path, encoding="utf-8") as f:
        summary = f.read()
    counts = {"incompatible": 0, "different": 0}
    for dim in report["dimensions"]:
        if dim["verdict"] in counts:
            counts[dim["verdict"]] += 1
    errors = [l for l in lines if l.startswith("::error ")]
    warnings = [l for l in lines if l.startswith("::warning ")]
    if len(errors) != counts["incompatible"]:
        fail("%d ::error lines for %d incompatible dimensions"
             % (len(errors), counts["incompatible"]))
    if len(warnings) != counts["different"]:
        fail("%d ::warning lines for %d different dimensions"
             % (len(warnings), counts["different"]))
    for l in errors + warnings:
        if not re.match(r"^::(error|warning) (file=[^,]+(,line=\d+)?,)?"
                        r"title=compare%3A [a-z-]+ [a-z]+::.+", l):
            fail("malformed annotation: %s" % l)
    if not lines or (": %s;" % report["verdict"]) not in lines[-1]:
        fail("no verdict line")
    if not summary.startswith("# Logging comparison: "):
        fail("the job summary is not the Markdown report")
    verdict = "**%s**" % report["verdict"].upper()
    if verdict not in summary:
        fail("the job summary lacks %s" % verdict)


def main():
    what = sys.argv[1]
    if what == "sarif":
        sarif(*sys.argv[2:5])
    elif what == "junit":
        junit(*sys.argv[2:4])
    elif what == "html":
        html(sys.argv[2])
    elif what == "compare-sarif":
        compare_sarif(*sys.argv[2:5])
    elif what == "compare-github":
        compare_github(*sys.argv[2:5])
    elif what == "action":
        action(sys.argv[2], sys.argv[3])
    else:
        fail("unknown check %s" % what)


if __name__ == "__main__":
    main()
