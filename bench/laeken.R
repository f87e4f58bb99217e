# The Gini, weighted median and relative-line (60% of the median) poverty
# rate of R's laeken package on the rows bench/measures.sql samples, for
# bench/run.  The data are read first and are in R's memory; only the
# computation is timed, each run computing the three together.
#   Rscript bench/laeken.R <csv of income,size> <runs>
# Prints one CSV line per run: run,ms,cpu_ms,gini,median,arpr_percent,threshold
# (ms the elapsed time, cpu_ms the process's user and system time).
suppressPackageStartupMessages(library(laeken))
args <- commandArgs(trailingOnly = TRUE)
rows <- read.csv(args[1], header = FALSE, col.names = c("income", "size"))
x <- as.numeric(rows$income)
w <- as.numeric(rows$size)
runs <- as.integer(args[2])
for (run in seq_len(runs)) {
    started <- proc.time()
    g <- gini(x, w)$value
    m <- weightedMedian(x, w)
    r <- arpr(x, w, p = 0.6)
    used <- proc.time() - started
    cat(sprintf("%d,%.3f,%.3f,%.17g,%.17g,%.17g,%.17g\n", run, 1000 * used[["elapsed"]],
                1000 * (used[["user.self"]] + used[["sys.self"]]), g, m, r$value, r$threshold))
}
