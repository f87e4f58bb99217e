# The Gini, weighted median and relative-line (60% of the median) poverty
# rate of R's laeken package on the rows bench/measures.sql samples, for
# bench/run.  The data are read first and are in R's memory; only the
# computation is timed, each run computing the three together.
#   Rscript bench/laeken.R <csv of income,size> <runs>
# Prints one CSV line per run: run,ms,gini,median,arpr_percent,threshold
suppressPackageStartupMessages(library(laeken))
args <- commandArgs(trailingOnly = TRUE)
rows <- read.csv(args[1], header = FALSE, col.names = c("income", "size"))
x <- as.numeric(rows$income)
w <- as.numeric(rows$size)
runs <- as.integer(args[2])
for (run in seq_len(runs)) {
    started <- proc.time()[["elapsed"]]
    g <- gini(x, w)$value
    m <- weightedMedian(x, w)
    r <- arpr(x, w, p = 0.6)
    ms <- 1000 * (proc.time()[["elapsed"]] - started)
    cat(sprintf("%d,%.3f,%.17g,%.17g,%.17g,%.17g\n", run, ms, g, m, r$value, r$threshold))
}
