"""Where the assembly's working data live: one content folder, one place to name them.

    content/meetings/*.yaml               sessions and their agendas
    content/proposals/<assembly>/*.yaml   the contributions (sources.proposal)
    content/resolutions/*.md              the Resolutions in force
    content/assemblies/<assembly>.yaml    the assembly, its regions and prefixes
    content/positions/<assembly>.yaml     where each source stands (optional)
    content/action-plan/                  the Action Plan (plan.yaml, res-*.yaml)
    content/focal-points.yaml             the regional focal points
    content/briefings/chairing-the-session.md   the annex of every briefing note
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import Category, Location, PipelineError
from pipeline.sources.proposal import ProposalSet, load_proposal_set


@dataclass
class Content:
    """The content folder, and each assembly's proposals read once from it."""

    root: Path = Path("content")
    _proposals: dict[str, ProposalSet] = field(default_factory=dict, repr=False)

    @property
    def meetings(self) -> Path:
        return self.root / "meetings"

    @property
    def resolutions(self) -> Path:
        return self.root / "resolutions"

    @property
    def assemblies(self) -> Path:
        return self.root / "assemblies"

    def positions(self, assembly: str) -> Path:
        return self.root / "positions" / f"{assembly}.yaml"

    @property
    def action_plan(self) -> Path:
        return self.root / "action-plan"

    @property
    def focal_points(self) -> Path:
        return self.root / "focal-points.yaml"

    @property
    def guidance(self) -> Path:
        return self.root / "briefings" / "chairing-the-session.md"

    def proposals(self, assembly: str, where: Location | None = None) -> ProposalSet:
        """The proposal set of *assembly* (its folder in content/proposals/), read once."""
        if assembly not in self._proposals:
            folder = self.root / "proposals" / assembly
            if not folder.is_dir() or not (self.assemblies / f"{assembly}.yaml").is_file():
                raise PipelineError(Category.PROPOSAL, f"unknown assembly '{assembly}' (needs "
                                    f"{folder}/ and {self.assemblies / assembly}.yaml)", where)
            self._proposals[assembly] = load_proposal_set(folder, self.resolutions,
                                                          self.assemblies)
        return self._proposals[assembly]


def known_resolutions(proposals: ProposalSet) -> set:
    """The Resolutions in force and those the contributions propose (new ones included)."""
    return set(proposals.in_force) | {p.resolution for c in proposals.contributions
                                      for p in c.proposals}
