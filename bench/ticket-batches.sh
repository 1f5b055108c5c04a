# Sourced by bench/survey-answer-100k.sh and bench/ingest-batches-100k.sh (ADR 0245): posts BATCHES batches of 10 tickets
# of the peer's set to API/tickets 2 s apart (ticket T0000001 changed, nine new), printing each POST's time (answered
# once the batch is in what reads are served from).
#   post_ticket_batches API_URL KEY BATCHES
post_ticket_batches() {
  local api="$1" key="$2" batches="$3" b i csv
  for b in $(seq 1 "$batches"); do
    csv="ticket_id,account_id,created_at,first_response_at,resolved_at,status"$'\n'"T0000001,A025606,2023-01-01T00:46:29Z,2023-01-01T01:43:52Z,2023-01-02T05:27:18Z,closed"$'\n'
    for i in $(seq 1 9); do
      csv+="$(printf 'TB%02d%02d,A%06d,2026-11-30T10:00:00Z,,,open' "$b" "$i" "$((b * 100 + i))")"$'\n'
    done
    curl -s -o /dev/null -w "tickets batch (10 rows): HTTP %{http_code} in %{time_total} s\n" -X POST -H "Authorization: Bearer $key" -H 'Content-Type: text/csv' \
      --data-binary "$csv" "$api/tickets"
    sleep 2
  done
}
