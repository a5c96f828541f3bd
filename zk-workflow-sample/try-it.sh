#!/usr/bin/env bash
# Places orders on the sample instances given as ports (default 8080 8081), confirms their payments
# on another instance (a signal reaches the workflow from any of them), then shows each order's
# workflow state and tracking number, which instance ran how many steps, and one instance calling
# the other through discovery.
set -euo pipefail
ports=("${@:-8080 8081}")
read -r -a ports <<<"${ports[*]}"
first=${ports[0]}
# Every POST needs a login and the CSRF token: any answer sets it in the XSRF-TOKEN cookie, and the
# same value goes back as cookie and X-XSRF-TOKEN header (one token serves every instance).
token=$(curl -s -o /dev/null -c - "localhost:$first/actuator/health" | awk '$6 == "XSRF-TOKEN" { print $7 }')
order() {
  curl -s -X POST "localhost:$1/orders" -u alice:alice -b "XSRF-TOKEN=$token" -H "X-XSRF-TOKEN: $token" \
    -H 'Content-Type: application/json' -d "$2" >/dev/null
}
pay() {
  curl -s -X POST "localhost:$1/orders/$2/payment" -u alice:alice -b "XSRF-TOKEN=$token" -H "X-XSRF-TOKEN: $token" \
    >/dev/null
}
for i in $(seq 1 10); do
  port=${ports[$(( i % ${#ports[@]} ))]}
  order "$port" "{\"id\":\"demo-$i\",\"customerId\":\"customer-$i\",\"lines\":[{\"item\":\"book\",\"quantity\":1,\"unitPrice\":12.5}]}"
done
# one order whose card is declined: its workflow fails and the compensation step runs
order "$first" '{"id":"demo-declined","customerId":"broke-bob","lines":[{"item":"car","quantity":1,"unitPrice":9000}]}'
# each order waits for its payment; confirm it on the next instance
for i in $(seq 1 10) declined; do
  pay "${ports[$(( (${i/declined/0} + 1) % ${#ports[@]} ))]}" "demo-$i"
done
# a paid order ships through its shipment child workflow, whose parcel waits for the courier
# (orders.shipment.pickup-delay, 5s by default): wait up to 30 s for every order to end
state() {
  curl -s "localhost:$first/orders/$1" | grep -o '"state":"[A-Z]*"' | head -n 1
}
for _ in $(seq 1 30); do
  running=0
  for i in $(seq 1 10) declined; do
    if [ "$(state "demo-$i")" = '"state":"RUNNING"' ]; then running=1; fi
  done
  if [ "$running" = 0 ]; then break; fi
  sleep 1
done
for i in $(seq 1 10) declined; do
  printf 'demo-%s: %s %s\n' "$i" "$(state "demo-$i")" \
    "$(curl -s "localhost:$first/orders/demo-$i" | grep -o '"trackingNumber":"[A-Z0-9]*"' | head -n 1)"
done
for port in "${ports[@]}"; do
  printf 'steps run by the instance on port %s: ' "$port"
  curl -s "localhost:$port/actuator/zkworkflow/sample" | grep -o '"stepsRunHere":[0-9]*'
done
if [ ${#ports[@]} -gt 1 ]; then
  echo "the instance on port $first asks another one, found through discovery, who it is:"
  curl -s "localhost:$first/peers/call"; echo
fi
echo "dashboard: http://localhost:$first/zk-workflow/ (log in as admin/admin to retry dead letters)"
