"""A parallel split whose branch runs once per item of a data source.

Viewflow 2.4's open-source Split starts each branch once; the per-item form its docs describe is
not in the open-source package. An approval stage needs one task per approver (their number is
data), so this subclass adds it on top of the open-source Split and Join: every task gets its own
split token, and the ordinary Join waits for all of them.
"""

from viewflow.workflow.exceptions import FlowRuntimeError
from viewflow.workflow.flow import Split
from viewflow.workflow.nodes.split import SplitActivation


class EachSplitActivation(SplitActivation):
    @SplitActivation.status.super()
    def activate(self):
        for node, cond, data_source in self.flow_task._branches:
            if cond and not cond(self):
                continue
            if data_source is None:
                self.next_tasks.append((node, None))
            else:
                self.next_tasks += [(node, item) for item in data_source(self)]
        if not self.next_tasks:
            raise FlowRuntimeError(f"No next task available for {self.flow_task.name}")


class EachSplit(Split):
    """`EachSplit().Next(this.decide, data_source=this.stage_steps)`: one `decide` task per
    item that `stage_steps(activation)` returns, with `task.data` set to the item."""

    activation_class = EachSplitActivation

    def Next(self, node, case=None, data_source=None):
        self._activate_next.append((node, case, data_source))
        return self
