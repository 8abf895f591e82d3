window.YTD.deleted_tweets.part0 = [
  {
    "tweet": {
      "id": "400",
      "id_str": "400",
      "full_text": "an archived tweet",
      "created_at": "Wed Jun 01 12:00:00 +0000 2011",
      "retweet_count": "0",
      "favorite_count": "0",
      "lang": "en",
      "deleted_at": "Thu Jun 02 12:00:00 +0000 2011"
    }
  },
  {
    "tweet": {
      "id": "401",
      "id_str": "401",
      "full_text": "an archived tweet",
      "created_at": "Wed Jun 01 12:00:00 +0000 2011",
      "retweet_count": "0",
      "favorite_count": "0",
      "lang": "en",
      "deleted_at": "Thu Jun 02 12:00:00 +0000 2011"
    }
  },
  {
    "tweet": {
      "id": "402",
      "id_str": "402",
      "full_text": "an archived tweet",
      "created_at": "Wed Jun 01 12:00:00 +0000 2011",
      "retweet_count": "0",
      "favorite_count": "0",
      "lang": "en",
      "deleted_at": "Thu Jun 02 12:00:00 +0000 2011"
    }
  },
  {
    "tweet": {
      "id": "403",
      "id_str": "403",
      "full_text": "an archived tweet",
      "created_at": "Wed Jun 01 12:00:00 +0000 2011",
      "retweet_count": "0",
      "favorite_count": "0",
      "lang": "en",
      "deleted_at": "Thu Jun 02 12:00:00 +0000 2011"
    }
  },
  {
    "tweet": {
      "id": "404",
      "id_str": "404",
      "full_text": "an archived tweet",
      "created_at": "Wed Jun 01 12:00:00 +0000 2011",
      "retweet_count": "0",
      "favorite_count": "0",
      "lang": "en",
      "deleted_at": "Thu Jun 02 12:00:00 +0000 2011"
    }
  },
  {
    "tweet": {
      "id": "405",
      "id_str": "405",
      "full_text": "an archived tweet",
      "created_at": "Wed Jun 01 12:00:00 +0000 2011",
      "retweet_count": "0",
      "favorite_count": "0",
      "lang": "en",
      "deleted_at": "Thu Jun 02 12:00:00 +0000 2011"
    }
  },
  {
    "tweet": {
      "id": "406",
      "id_str": "406",
      "full_text": "an archived tweet",
      "created_at": "Wed Jun 01 12:00:00 +0000 2011",
      "retweet_count": "0",
      "favorite_count": "0",
      "lang": "en",
      "deleted_at": "Thu Jun 02 12:00:00 +0000 2011"
    }
  },
  {
    "tweet": {
      "id": "407",
      "id_str": "407",
      "full_text": "an archived tweet",
      "created_at": "Wed Jun 01 12:00:00 +0000 2011",
      "retweet_count": "0",
      "favorite_count": "0",
      "lang": "en",
      "deleted_at": "Thu Jun 02 12:00:00 +0000 2011"
    }
  },
  {
    "tweet": {
      "id": "408",
      "id_str": "408",
      "full_text": "an archived tweet",
      "created_at": "Wed Jun 01 12:00:00 +0000 2011",
      "retweet_count": "0",
      "favorite_count": "0",
      "lang": "en",
      "deleted_at": "Thu Jun 02 12:00:00 +0000 2011"
    }
  },
  {
    "tweet": {
      "id": "409",
      "id_str": "409",
      "full_text": "an archived tweet",
      "created_at": "Wed Jun 01 12:00:00 +0000 2011",
      "retweet_count": "0",
      "favorite_count": "0",
      "lang": "en",
      "deleted_at": "Thu Jun 02 12:00:00 +0000 2011"
    }
  },
  {
    "tweet": {
      "id": "410",
      "id_str": "