"""`./bulkhead matrix`: build, run and record a matrix of configurations (docs/matrix.md).

plan     the plan a spec expands to ([run] table, configurations, commit), shared by every job
driver   expand, compile once, run jobs (-j N) or a Slurm array, record in the results database
job      one configuration: link from the cached bitcode, run the benchmark, write its JSON result
slurm    the sbatch array job and gathering its results
export   CSV export of a results database
command  the subcommand's arguments
"""
