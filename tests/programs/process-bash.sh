# bash with subshells, command substitution, a pipeline's statuses and a background job: each
# of these forks (run as: /bin/bash ../programs/process-bash.sh)
greet() { echo "hello from $1"; }
inner=$(greet substitution)
echo "substituted: $inner"
(cd /etc && echo "subshell cwd: $PWD"; exit 3)
echo "subshell status: $? (cwd still ${PWD##*/})"
false | true
echo "pipeline statuses: ${PIPESTATUS[*]}"
{ echo "background job done"; } &
wait $!
echo "waited for it: $?"
echo "arithmetic on a substitution: $(( $(echo 6) * 7 ))"
