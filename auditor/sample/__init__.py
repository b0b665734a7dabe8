"""Synthetic seller data with ground truth, for demos, tests and accuracy benchmarks.

>>> from auditor.sample import generate
>>> data = generate(60, seed=7)
>>> sorted(data.truth.columns)
['account', 'also_shared', 'linked_by', 'operator', 'operator_accounts', 'status']
"""

from auditor.sample.generator import SampleData, generate
from auditor.sample.writers import write_sample

__all__ = ["SampleData", "generate", "write_sample"]
