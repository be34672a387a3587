"""One configuration as the safety order sees it, in a canonical form, and its labels.

A configuration is a set partition of the components (which ones share a compartment), the set of
hardened components, and the isolation mechanism between compartments.  Compartment numbers are not
part of it: FlexOS's permutations CSV writes `R1 N1 S2 L2` where its poset.dot writes `R2 N2 S1 L1`,
and both are the partition {R, N} | {S, L}.  Labels (`R1H N1 S1H L1H`) are produced by a `Namer`, which
numbers compartments the way a given source (poset.dot) does, or by first appearance otherwise.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

# How strongly two components in different compartments are kept apart, by mechanism.  For the same
# placement vm >= mpk private stacks >= mpk light gate (docs/explore.md says why); "none" separates
# nothing, so a configuration of backend none is as safe as everything in one compartment.
MECHANISM_RANK: dict[str, int] = {"none": 0, "mpk-light": 1, "mpk-private": 2, "vm": 3}

Block = frozenset[str]
Partition = frozenset[Block]


@dataclass(frozen=True)
class Point:
    """A configuration in canonical form (hashable; equal exactly when the safety facts are equal)."""
    components: tuple[str, ...]          # every component, in label order
    partition: Partition                 # which components share a compartment
    hardened: frozenset[str] = frozenset()
    mechanism: str = "mpk-light"

    def __post_init__(self) -> None:
        flat = [c for b in self.partition for c in b]
        if sorted(flat) != sorted(self.components) or len(set(flat)) != len(flat):
            raise ValueError(f"partition {sorted(map(sorted, self.partition))} does not cover "
                             f"{list(self.components)} exactly once")
        if not self.hardened <= set(self.components):
            raise ValueError(f"hardened components {sorted(self.hardened - set(self.components))} are unknown")
        if self.mechanism not in MECHANISM_RANK:
            raise ValueError(f"unknown mechanism {self.mechanism!r}")

    def block_of(self, component: str) -> Block:
        return next(b for b in self.partition if component in b)

    def strength(self, a: str, b: str) -> int:
        """How strongly components a and b are kept apart: 0 when they share a compartment."""
        return 0 if self.block_of(a) == self.block_of(b) else MECHANISM_RANK[self.mechanism]

    def separation(self) -> dict[tuple[str, str], int]:
        return {(a, b): self.strength(a, b) for a, b in itertools.combinations(self.components, 2)}


def at_least_as_safe(a: Point, b: Point) -> bool:
    """A >= B: A keeps apart every pair of components B keeps apart, at least as strongly, and hardens
    every component B hardens."""
    if a.components != b.components:
        raise ValueError("configurations over different components cannot be compared")
    sa, sb = a.separation(), b.separation()
    return all(sa[p] >= sb[p] for p in sb) and a.hardened >= b.hardened


def strictly_safer(a: Point, b: Point) -> bool:
    return at_least_as_safe(a, b) and not at_least_as_safe(b, a)


def partition_of(numbers: Mapping[str, object]) -> Partition:
    """The partition behind a numbering {component: compartment}: numbers are only names."""
    blocks: dict[object, set[str]] = {}
    for comp, n in numbers.items():
        blocks.setdefault(n, set()).add(comp)
    return frozenset(frozenset(b) for b in blocks.values())


def point_from_numbers(components: Iterable[str], numbers: Mapping[str, object],
                       hardened: Iterable[str] = (), mechanism: str = "mpk-light") -> Point:
    comps = tuple(components)
    return Point(comps, partition_of({c: numbers[c] for c in comps}), frozenset(hardened), mechanism)


@dataclass
class Namer:
    """Writes and reads labels like `R1H N1 S2 L3`: a letter per component, its compartment number,
    `H` when hardened.  `numbering` fixes the numbers of known partitions (those of poset.dot); any
    other partition is numbered by first appearance in component order."""
    letters: dict[str, str]                                       # component -> letter, in label order
    numbering: dict[Partition, dict[str, int]] = field(default_factory=dict)

    @property
    def components(self) -> tuple[str, ...]:
        return tuple(self.letters)

    def numbers(self, partition: Partition) -> dict[str, int]:
        if partition in self.numbering:
            return self.numbering[partition]
        out: dict[str, int] = {}
        seen: dict[Block, int] = {}
        for c in self.components:
            b = next(b for b in partition if c in b)
            out[c] = seen.setdefault(b, len(seen) + 1)
        return out

    def label(self, p: Point) -> str:
        nums = self.numbers(p.partition)
        return " ".join(f"{self.letters[c]}{nums[c]}{'H' if c in p.hardened else ''}" for c in self.components)

    def parse(self, label: str, mechanism: str = "mpk-light") -> Point:
        """`R1H N1 S2 L3` (spaces optional, as in poset.dot's node names) -> Point."""
        by_letter = {v: k for k, v in self.letters.items()}
        letters = "".join(re.escape(l) for l in by_letter)
        parts = re.findall(rf"([{letters}])(\d+)(H?)", label)
        rebuilt = "".join(f"{l}{n}{h}" for l, n, h in parts)
        if rebuilt != label.replace(" ", "") or sorted(l for l, _, _ in parts) != sorted(by_letter):
            form = " ".join(f"{self.letters[c]}<n>[H]" for c in self.components)
            raise ValueError(f"label {label!r} is not of the form {form}")
        nums = {by_letter[l]: int(n) for l, n, _ in parts}
        hard = {by_letter[l] for l, _, h in parts if h}
        return point_from_numbers(self.components, nums, hard, mechanism)

    def learn(self, label: str) -> Point:
        """Parse a label and keep its numbering as the one to print for its partition."""
        p = self.parse(label)
        nums = {self.components[i]: n for i, n in
                enumerate(int(x) for x in re.findall(r"\d+", label))}
        known = self.numbering.setdefault(p.partition, nums)
        if known != nums:
            raise ValueError(f"label {label!r} numbers the compartments of a partition differently "
                             f"from an earlier label ({self.label(p)})")
        return p
