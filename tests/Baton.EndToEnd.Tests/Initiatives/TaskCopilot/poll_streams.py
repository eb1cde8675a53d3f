"""Polls Baton with Task Copilot's unchanged start-streams.py: loads it as a module, points API_BASE at the daemon
(its README says to edit that line), and asks _get_stream_status for each stream id given; prints one JSON object
per stream (null when the script gets nothing back, as for a 404)."""
import dataclasses
import importlib.util
import json
import sys
from pathlib import Path

api_base, config_path, *stream_ids = sys.argv[1:]
spec = importlib.util.spec_from_file_location("start_streams", Path(__file__).parent / "start-streams.py")
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
module.API_BASE = api_base
manager = module.OrchestrationManager(Path(config_path))
print(json.dumps({"healthy": manager._check_api_health()}))
for stream_id in stream_ids:
    status = manager._get_stream_status(stream_id)
    print(json.dumps(dataclasses.asdict(status) if status else None))
