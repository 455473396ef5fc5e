"""Every output of the CM parser (``to_json()`` and ``exhibit_rows``) equals, document by document, what the
implementation recorded in ``frozen_outputs.json`` gave (see :mod:`tests.edgar.cm.frozen`): speed-ups change no
output. To see a difference, run the recorded revision (``git archive <revision> crawler | tar -x -C /tmp/old``)
and the current code on the named document and compare :func:`tests.edgar.cm.frozen.outputs`."""

from __future__ import annotations

import json

from tests.edgar.cm.frozen import FIXTURE, corpus, digest, digests, outputs, real_samples
from tests.fixtures.samples import sample

FROZEN = json.loads(FIXTURE.read_text())


def _compare(found: dict[str, list[str]], frozen: dict[str, list[str]]) -> None:
    assert found.keys() == frozen.keys()
    changed_inputs = [name for name in frozen if found[name][0] != frozen[name][0]]
    assert not changed_inputs, f"the corpus changed (rewrite the fixture with the recorded revision): {changed_inputs}"
    changed = [name for name in frozen if found[name][1] != frozen[name][1]]
    assert not changed, f"outputs differ from revision {FROZEN['revision']} for {changed}"


def test_the_generated_corpus_parses_as_before() -> None:
    _compare(digests(corpus()), FROZEN["corpus"])


def test_the_real_samples_parse_as_before() -> None:
    _compare(digests(real_samples(sample("comp-materials"))), FROZEN["samples"])


def test_the_digest_sees_a_changed_output() -> None:
    text = dict(corpus())["dialect-00"]
    assert digest(outputs(text)) == FROZEN["corpus"]["dialect-00"][1]
    assert digest(outputs(text.replace("5.", "6.", 1))) != FROZEN["corpus"]["dialect-00"][1]
