"""Turning scores into decisions: assignment within a component, ties, and the no-link cases.

Helpers of :mod:`crawler.edgar.se_link`, whose docstring states the policy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from crawler.edgar.se_assignment import solve_with_losses
from crawler.edgar.se_scoring import (
    CLEAR_MARGIN,
    CONTEST_MARGIN,
    MIN_LINK_SCORE,
    TIE_MARGIN,
    Bundle,
    CandidateScore,
    confidence,
)

if TYPE_CHECKING:
    from crawler.edgar.se_link import SeRecord

_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Outcome:
    """A bundle's result when at least one SE is a plausible choice."""

    status: str  # "linked" | "ambiguous"
    se_accession: str | None
    candidates: tuple[str, ...]
    confidence: float
    evidence: str

    def fields(self, bundle: Bundle, exhibit: str | None) -> tuple[str, str | None, tuple[str, ...], float, str]:
        """(status, se_accession, candidates, confidence, evidence) for one reference of the bundle."""
        evidence = self.evidence
        others = sorted(e for e in bundle.exhibits if e and e != exhibit)
        if others:
            evidence += f"; one Form SE for this 8-K's exhibits with the same stated date (also {', '.join(others)})"
        return self.status, self.se_accession, self.candidates, self.confidence, evidence


def decide_component(
    bundles: Sequence[Bundle],
    records: Sequence[SeRecord],
    scores: Mapping[tuple[int, int], CandidateScore],
) -> list[Outcome | None]:
    """One outcome per bundle (``None``: no SE is a plausible choice) from a joint assignment."""
    weights = [
        [scores[i, j].points if (i, j) in scores and scores[i, j].linkable else 0.0 for j in range(len(records))]
        for i in range(len(bundles))
    ]
    solution = solve_with_losses(weights)
    outcomes: list[Outcome | None] = []
    for i, losses in enumerate(solution.losses):
        near = _near_optimal(losses)
        if near == [None]:
            outcomes.append(None)
        elif len(near) == 1:
            outcomes.append(_linked(near[0], i, records, scores, losses))
        else:
            outcomes.append(_ambiguous(near, i, records, scores))
    return outcomes


def unlinked_decision(
    bundle: Bundle,
    considered: Mapping[str, CandidateScore],
    as_of: date,
    deadline: date,
    window_days: int,
) -> tuple[str, float, str]:
    """(status, confidence, evidence) of a bundle that got no SE: pending or unresolved."""
    anchor = f"stated SE date {bundle.se_date}" if bundle.se_date else f"8-K filed {bundle.filed_date}"
    if as_of <= deadline:
        status, text = "pending", f"no SE record matches yet; waiting until {deadline} ({anchor} + {window_days} days)"
    else:
        status = "unresolved"
        text = f"no SE record matched within {window_days} days of the {anchor}; window closed {deadline}"
    for accession in sorted(considered):
        score = considered[accession]
        if score.linkable:
            text += f"; {accession} (score {score.points:.2f}) fits another reference better"
        else:
            text += f"; {accession} rejected ({_rejection(score)})"
    return status, 0.0, text


def _rejection(score: CandidateScore) -> str:
    """Why an SE was not linked, each fact once: what it contradicts, then the rest of the evidence."""
    if not score.contradictions:
        return f"score {score.points:.2f} < {MIN_LINK_SCORE}; evidence: {'; '.join(score.evidence)}"
    others = [phrase for phrase in score.evidence if phrase not in score.contradictions]
    reason = f"contradicts: {'; '.join(score.contradictions)}"
    return f"{reason}; other evidence: {'; '.join(others)}" if others else reason


def _near_optimal(losses: Mapping[int | None, float]) -> list[int | None]:
    """Choices indistinguishable from the best: SEs within TIE_MARGIN of each other; linking versus
    leaving the reference unlinked (its SE then going to another reference) within CONTEST_MARGIN."""
    close_ses = [o for o, loss in losses.items() if o is not None and loss <= TIE_MARGIN + _EPSILON]
    if close_ses:
        near = close_ses + ([None] if losses[None] <= CONTEST_MARGIN + _EPSILON else [])
    else:
        near = [None] + [o for o, loss in losses.items() if o is not None and loss <= CONTEST_MARGIN + _EPSILON]
    return sorted(near, key=_option_key)


def _option_key(option: int | None) -> int:
    return -1 if option is None else option


def _linked(
    j: int,
    i: int,
    records: Sequence[SeRecord],
    scores: Mapping[tuple[int, int], CandidateScore],
    losses: Mapping[int | None, float],
) -> Outcome:
    score = scores[i, j]
    rivals = {o: loss for o, loss in losses.items() if o is not None and o != j}
    evidence = "; ".join(score.evidence)
    if rivals:
        runner_up = min(rivals, key=lambda o: (rivals[o], o))
        evidence += f"; next best {records[runner_up].accession} trails by {rivals[runner_up]:.2f} points"
    if losses[None] < score.points:  # leaving this reference unlinked would let another reference use the SE
        evidence += f"; another reference's claim on it trails by {losses[None]:.2f} points"
    lead = min([losses[None], *rivals.values()])
    separation = lead / CLEAR_MARGIN
    accession = records[j].accession
    return Outcome("linked", accession, (accession,), confidence(score.points, separation), evidence)


def _ambiguous(
    near: list[int | None],
    i: int,
    records: Sequence[SeRecord],
    scores: Mapping[tuple[int, int], CandidateScore],
) -> Outcome:
    choices = [o for o in near if o is not None]
    candidates = tuple(sorted(records[o].accession for o in choices))
    best = max(scores[i, o].points for o in choices)
    described = " | ".join(
        f"{records[o].accession} (score {scores[i, o].points:.2f}: {'; '.join(scores[i, o].evidence)})"
        for o in sorted(choices, key=lambda o: records[o].accession)
    )
    evidence = f"ambiguous: {len(choices)} SE(s) within {TIE_MARGIN} points: {described}"
    if None in near:
        evidence += f"; another reference's claim on the same SE is within {CONTEST_MARGIN} points"
    return Outcome("ambiguous", None, candidates, confidence(best, shares=len(near)), evidence)
