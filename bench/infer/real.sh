#!/bin/sh
# For each text recording under tests/real: does infer write a profile, and
# does check -r PROFILE pass the capture it was inferred from?
# usage: sh bench/infer/real.sh LOGCOMPAT TREE   (TREE: the top of the source tree)
L=$1; T=$2; w=$(mktemp -d)
dirs="python-default python-basicconfig django-runserver gunicorn uvicorn celery uwsgi jul-simple log4j2-default log4j2-iso8601 logback-default nginx apache2 haproxy syslog-rfc3164 syslog-rfc5424 journalctl go-log go-slog-default go-slog-text ruby-logger postgresql redis mariadb zookeeper go-logrus go-klog rust-env-logger rust-tracing"
total=0 written=0 passing=0
for d in $dirs; do
	p=$T/tests/real/$d
	if [ -f $p/stdout.log ] && [ $(ls $p/*.log | wc -l) = 2 ] && [ -f $p/stderr.log ]; then
		caps=$p
	else
		caps=$(ls $p/*.log)
	fi
	for c in $caps; do
		total=$((total+1))
		name=$d/$(basename $c)
		if $L infer -o $w/p.yaml $c >/dev/null 2>$w/err; then
			written=$((written+1))
			if $L check -r $w/p.yaml $c >$w/out 2>&1; then
				passing=$((passing+1)); echo "pass    $name"
			else
				echo "FAIL    $name: $(grep -o 'findings: .*' $w/out | head -1)"
			fi
		else
			echo "NOINFER $name: $(head -1 $w/err)"
		fi
	done
done
echo "total $total written $written passing $passing"
rm -rf $w
