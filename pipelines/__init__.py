"""Scrapy item pipelines, one job each: parse → archive raw → link Form SE → write Parquet."""
