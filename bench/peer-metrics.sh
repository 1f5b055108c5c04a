# The DuckDB peer's workload (../shared/peer): the 15 metrics it computes, monthly from 2023-01-01 to 2025-01-01, as one
# --metric list. Sourced by the scripts that run that workload with `tenure metrics` (peer.sh, tenant-load.sh,
# metrics-builds.sh), so they all ask for the same figures.
# shellcheck shell=bash
PEER_METRICS=customers,new-customers,churned-customers,churn-rate,mrr,new-mrr,expansion-mrr,contraction-mrr,churned-mrr,reactivation-mrr,nps,csat,first-contact-resolution-rate,first-response-time,daily-usage
